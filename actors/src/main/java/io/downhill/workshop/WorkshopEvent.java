package io.downhill.workshop;

import io.downhill.cluster.DownhillSerializable;

/**
 * What a workshop publishes: its state after every change, with the next sequence number.
 *
 * @param change joined, spotlight, steps-opened, scenario-pushed, paused-all, code-changed, forked,
 *     closed, or subscribed (to the new subscriber alone)
 */
public record WorkshopEvent(String workshopId, long seq, String change, WorkshopState state)
    implements DownhillSerializable {}
