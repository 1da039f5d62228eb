package io.downhill.sweep;

import io.downhill.DownhillSerializable;

/**
 * What a sweep writes to its journal. Its variants train in lock-step from the same spec, so the
 * steps each group of variants reached are enough: recovery trains them there again, bit for bit.
 */
public sealed interface SweepJournalEvent extends DownhillSerializable {

  record Created(SweepSpec spec, byte[] ownerDigest, long atMillis) implements SweepJournalEvent {}

  record RunStarted(long[] groupSteps) implements SweepJournalEvent {}

  record RunPaused(long[] groupSteps) implements SweepJournalEvent {}

  /** The lock-steps each group had reached, written now and then while it runs. */
  record Progressed(long[] groupSteps) implements SweepJournalEvent {}

  record Finished(long[] groupSteps) implements SweepJournalEvent {}

  record ResetDone() implements SweepJournalEvent {}

  record Deleted(long atMillis) implements SweepJournalEvent {}
}
