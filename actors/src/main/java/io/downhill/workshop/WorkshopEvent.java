package io.downhill.workshop;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.watch.ChangeKind;

/** What a workshop publishes: its state after every change, with the next sequence number. */
public record WorkshopEvent(String workshopId, long seq, Change change, WorkshopState state)
    implements DownhillSerializable {

  /** Why the state changed. */
  public enum Change implements ChangeKind {
    /** Sent to a new subscriber alone, with the state as it is. */
    SUBSCRIBED,
    /** The workshop came back from its journal; sent to a subscriber it did not know. */
    RECOVERED,
    JOINED,
    PARTICIPANT_REMOVED,
    SPOTLIGHT,
    STEPS_OPENED,
    SCENARIO_PUSHED,
    PAUSED_ALL,
    CODE_CHANGED,
    EXTENDED,
    /** The workshop closed (by its instructor, or at its end): every session ended. */
    CLOSED,
    /** A closed workshop's day of keeping is over; no event follows. */
    REMOVED
  }
}
