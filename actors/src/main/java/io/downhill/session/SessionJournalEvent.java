package io.downhill.session;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.TrainerState;
import io.downhill.numerics.training.TrainingSpec;

/**
 * What a session writes to its journal. Steps are not events: a {@link Checkpoint} carries the
 * whole trainer state now and then while a run goes, at its end, and before every input, so each
 * input lands at an exact step and recovery never has to recompute more than a second of steps.
 * Names and fields are part of the stored format: evolve them with Jackson migrations, never by
 * renaming.
 */
public sealed interface SessionJournalEvent extends DownhillSerializable {

  /** The session came to be, owned by the holder of the token with this digest. */
  record Created(TrainingSpec spec, byte[] ownerDigest, long atMillis)
      implements SessionJournalEvent {}

  /** The trainer's state after {@code trainer.step()} steps, and the last sequence number used. */
  record Checkpoint(TrainerState trainer, long seq) implements SessionJournalEvent {}

  /** The owner set the parameters by hand. */
  record ParamsSet(double[] params) implements SessionJournalEvent {}

  /** The owner set the base learning rate. */
  record LearningRateSet(double learningRate) implements SessionJournalEvent {}

  /** The owner turned gradient accumulation on or off. */
  record AccumulationSet(boolean accumulate) implements SessionJournalEvent {}

  /** Back to the spec's starting point. */
  record ResetDone() implements SessionJournalEvent {}

  /**
   * A new spec; the run starts over from it. A pushed scenario or a fork brings its own data
   * ({@code keepPoints} false); the owner's fresh start from other parameters keeps the points
   * edited by hand.
   */
  record Reconfigured(TrainingSpec spec, boolean keepPoints) implements SessionJournalEvent {
    public Reconfigured(TrainingSpec spec) {
      this(spec, false);
    }
  }

  /** A training point was added by hand, after the others. */
  record PointAdded(double x, double y) implements SessionJournalEvent {}

  /** Training point {@code index} was moved by hand. */
  record PointMoved(int index, double x, double y) implements SessionJournalEvent {}

  /** Training point {@code index} was removed by hand. */
  record PointRemoved(int index) implements SessionJournalEvent {}

  /** The spec's own training points were put back, undoing every hand edit. */
  record PointsRestored() implements SessionJournalEvent {}

  /** A run of {@code count} steps from the step of the checkpoint before it. */
  record RunStarted(long count, double stepsPerSecond) implements SessionJournalEvent {}

  /** The run ended: paused, finished or diverged. */
  record RunEnded(SessionEvent.Change why) implements SessionJournalEvent {}

  /** Deleted for good: the session does not come back. */
  record Deleted(long atMillis) implements SessionJournalEvent {}

  /**
   * The session failed too often to restart again; it stays failed (its run ended) until it is
   * reset, given a new spec or deleted.
   */
  record Failed(String reason, long atMillis) implements SessionJournalEvent {}

  /** The session was deleted because nobody used or watched it for the idle expiry. */
  record Expired(long atMillis) implements SessionJournalEvent {}
}
