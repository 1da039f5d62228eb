package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;

/**
 * What a sweep writes to its journal. Its variants train in lock-step from the same spec, so the
 * steps each group of variants reached are enough: recovery trains them there again, bit for bit.
 */
public sealed interface SweepJournalEvent extends DownhillSerializable {

  /** The sweep came to be, owned by the holder of the token with this digest. */
  record Created(SweepSpec spec, byte[] ownerDigest, long atMillis) implements SweepJournalEvent {}

  /** A run started (or resumed) with each group at these lock-steps. */
  record RunStarted(long[] groupSteps) implements SweepJournalEvent {}

  /** The run paused with each group at these lock-steps. */
  record RunPaused(long[] groupSteps) implements SweepJournalEvent {}

  /** The lock-steps each group had reached, written now and then while it runs. */
  record Progressed(long[] groupSteps) implements SweepJournalEvent {}

  /** Every group reached the sweep's step count (or stopped). */
  record Finished(long[] groupSteps) implements SweepJournalEvent {}

  /** Back to the start. */
  record ResetDone() implements SweepJournalEvent {}

  /** Deleted for good, by its owner or the idle expiry. */
  record Deleted(long atMillis) implements SweepJournalEvent {}
}
