package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;

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
  record StateChanged(String sweepId, long seq, String change, SweepState state)
      implements SweepEvent {}
}
