package io.downhill.gateway.websocket;

import java.util.List;

/**
 * What one feed published between two flushes, encoded once and shared by every client that keeps
 * up: the steps message (if any steps) and the state messages, in order.
 *
 * @param fragments the encoded messages, in the order they go out
 * @param stateFragments the encoded state messages alone, kept for a client that falls behind
 * @param stepCount how many steps the batch holds
 * @param fromStep the first step's number (0 when none)
 * @param toStep the last step's number (0 when none)
 * @param firstSeq the first event's sequence number
 * @param lastSeq the last event's sequence number
 * @param shared the fragments as one frame, encoded once for every client it goes to alone
 */
public record FeedBatch(
    List<String> fragments,
    List<String> stateFragments,
    long stepCount,
    long fromStep,
    long toStep,
    long firstSeq,
    long lastSeq,
    SharedFrame shared) {

  public FeedBatch(
      List<String> fragments,
      List<String> stateFragments,
      long stepCount,
      long fromStep,
      long toStep,
      long firstSeq,
      long lastSeq) {
    this(
        fragments,
        stateFragments,
        stepCount,
        fromStep,
        toStep,
        firstSeq,
        lastSeq,
        new SharedFrame(fragments));
  }
}
