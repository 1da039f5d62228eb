package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.watch.ChangeKind;

/** What a sweep publishes; each event has the next sequence number of its sweep. */
public sealed interface SweepEvent extends DownhillSerializable {
  String sweepId();

  long seq();

  /**
   * The losses of a run of consecutive lock-steps {@code fromStep..toStep} for some variants:
   * {@code losses[i][j]} is variant {@code variants[i]}'s loss at step {@code fromStep + j} (NaN
   * where it had stopped).
   */
  record Progress(
      String sweepId, long seq, long fromStep, long toStep, int[] variants, double[][] losses)
      implements SweepEvent {}

  /** The whole state after a run started, paused or finished, or a variant stopped. */
  record StateChanged(String sweepId, long seq, Change change, SweepState state)
      implements SweepEvent {}

  /** Why the state changed. */
  enum Change implements ChangeKind {
    /** Sent to a new subscriber alone, with the state as it is. */
    SUBSCRIBED,
    /** The sweep came back from its journal; sent to a subscriber whose renewal it did not know. */
    RECOVERED,
    RUN_STARTED,
    RUN_PAUSED,
    RUN_FINISHED,
    RESET,
    /** A variant diverged or reached the target loss. */
    VARIANT_STOPPED,
    /** The sweep was deleted; no event follows. */
    STOPPED
  }
}
