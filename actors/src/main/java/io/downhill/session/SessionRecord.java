package io.downhill.session;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.training.TrainerState;
import io.downhill.numerics.training.TrainingSpec;

/**
 * A session's durable state, as plain values: what its journal says, folded. The live trainer may
 * be ahead of {@link #trainer()} by the steps since the last checkpoint. Immutable; {@link #apply}
 * is the event handler.
 *
 * @param spec the spec, or null before the session was created
 * @param ownerDigest the SHA-256 digest of the owner token
 * @param trainer the trainer state at the last checkpoint or input
 * @param run the run under way, or null
 * @param seq the last sequence number the session published
 * @param deleted whether the session was deleted
 * @param failure why the session failed for good, or null
 * @param points the training points as edited by hand, or null while they are the spec's
 */
public record SessionRecord(
    TrainingSpec spec,
    byte[] ownerDigest,
    TrainerState trainer,
    RunPlan run,
    long seq,
    boolean deleted,
    String failure,
    Dataset points)
    implements DownhillSerializable {

  /**
   * A run under way: it goes until {@code untilStep}, at {@code stepsPerSecond} (0: full speed).
   */
  public record RunPlan(long untilStep, double stepsPerSecond) implements DownhillSerializable {}

  public static final SessionRecord EMPTY =
      new SessionRecord(null, null, null, null, 0, false, null, null);

  /** Whether the session exists: created and not deleted. */
  public boolean live() {
    return spec != null && !deleted;
  }

  /** The points the session trains on now: edited by hand, or the spec's training points. */
  public Dataset trainingPoints() {
    return points != null ? points : spec.data().split().training();
  }

  public SessionRecord apply(SessionJournalEvent event) {
    if (event instanceof SessionJournalEvent.Created c) {
      return new SessionRecord(
          c.spec(), c.ownerDigest(), TrainerState.initial(c.spec()), null, 0, false, null, null);
    }
    if (event instanceof SessionJournalEvent.Checkpoint c) {
      return new SessionRecord(
          spec, ownerDigest, c.trainer(), run, c.seq(), deleted, failure, points);
    }
    if (event instanceof SessionJournalEvent.PointAdded a) {
      return withPoints(trainingPoints().withPointAdded(a.x(), a.y()));
    }
    if (event instanceof SessionJournalEvent.PointMoved m) {
      return withPoints(trainingPoints().withPointMoved(m.index(), m.x(), m.y()));
    }
    if (event instanceof SessionJournalEvent.PointRemoved r) {
      return withPoints(trainingPoints().withPointRemoved(r.index()));
    }
    if (event instanceof SessionJournalEvent.PointsRestored) {
      return withPoints(null);
    }
    if (event instanceof SessionJournalEvent.ParamsSet p) {
      return next(trainer.withParams(p.params()), run);
    }
    if (event instanceof SessionJournalEvent.LearningRateSet l) {
      return next(trainer.withLearningRate(l.learningRate()), run);
    }
    if (event instanceof SessionJournalEvent.AccumulationSet a) {
      return next(trainer.withAccumulation(a.accumulate()), run);
    }
    if (event instanceof SessionJournalEvent.ResetDone) {
      // A reset starts the run over on the points as they are; only a new spec brings new ones.
      return new SessionRecord(
          spec, ownerDigest, TrainerState.initial(spec), null, seq + 1, deleted, null, points);
    }
    if (event instanceof SessionJournalEvent.Reconfigured r) {
      return new SessionRecord(
          r.spec(),
          ownerDigest,
          TrainerState.initial(r.spec()),
          null,
          seq + 1,
          false,
          null,
          r.keepPoints() ? points : null);
    }
    if (event instanceof SessionJournalEvent.RunStarted r) {
      return next(trainer, new RunPlan(trainer.step() + r.count(), r.stepsPerSecond()));
    }
    if (event instanceof SessionJournalEvent.RunEnded) {
      return next(trainer, null);
    }
    if (event instanceof SessionJournalEvent.Deleted
        || event instanceof SessionJournalEvent.Expired) {
      return new SessionRecord(spec, ownerDigest, trainer, null, seq, true, failure, points);
    }
    if (event instanceof SessionJournalEvent.Failed f) {
      return new SessionRecord(
          spec, ownerDigest, trainer, null, seq + 1, deleted, f.reason(), points);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  /** Every input publishes one state change, so its event moves the sequence number by one. */
  private SessionRecord next(TrainerState newTrainer, RunPlan newRun) {
    return new SessionRecord(
        spec, ownerDigest, newTrainer, newRun, seq + 1, deleted, failure, points);
  }

  private SessionRecord withPoints(Dataset edited) {
    return new SessionRecord(spec, ownerDigest, trainer, run, seq + 1, deleted, failure, edited);
  }
}
