package io.downhill.session;

import io.downhill.numerics.training.Divergence;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainerState;

/** A session's {@link Snapshot}: from its live trainer, or as stored when it has none. */
final class SessionSnapshots {
  private SessionSnapshots() {}

  /** The state of a session in memory; {@code remaining} steps of its work are left. */
  static Snapshot live(
      String id, long seq, Trainer trainer, boolean working, long remaining, String node) {
    double[] params = trainer.params();
    Divergence divergence = trainer.divergence().orElse(null);
    Status status = divergence != null ? Status.DIVERGED : working ? Status.RUNNING : Status.IDLE;
    return new Snapshot(
        id,
        seq,
        trainer.completedSteps(),
        trainer.evaluate(params),
        params,
        trainer.lastGradient(),
        trainer.model().parameterNames(),
        trainer.baseLearningRate(),
        trainer.nextLearningRate(),
        trainer.accumulateGradients(),
        status,
        remaining,
        divergence,
        trainer.spec(),
        node,
        null);
  }

  /** The state as stored, for a failed session (it has no trainer to evaluate the loss with). */
  static Snapshot stored(String id, long seq, SessionRecord state, String node, String reason) {
    TrainerState stored = state.trainer();
    return new Snapshot(
        id,
        seq,
        stored.step(),
        Double.NaN,
        stored.params(),
        stored.lastGradient(),
        state.spec().model().create().parameterNames(),
        stored.learningRate(),
        stored.learningRate(),
        stored.accumulateGradients(),
        Status.FAILED,
        0,
        stored.divergence(),
        state.spec(),
        node,
        state.failure() != null ? state.failure() : reason);
  }
}
