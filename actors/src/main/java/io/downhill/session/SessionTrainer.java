package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.Trainer;

/**
 * The trainer a session owns while it is in memory, and the recent steps it made. Built from the
 * record (its spec, training points and trainer state), rebuilt for a new trajectory, and closed —
 * with its DJL sub-manager — when the session stops, restarts or fails. None while failed.
 */
final class SessionTrainer {
  private final SessionSettings settings;
  private final NDManager parentManager;
  private final Failures failures;
  private Trainer trainer;
  private StepHistory history;

  SessionTrainer(SessionSettings settings, NDManager parentManager, Failures failures) {
    this.settings = settings;
    this.parentManager = parentManager;
    this.failures = failures;
  }

  /** The live trainer, or null while the session has none (failed, or not yet recovered). */
  Trainer trainer() {
    return trainer;
  }

  StepHistory history() {
    return history;
  }

  /** A new trainer for the record's spec, at the record's trainer state, and a new history. */
  void rebuild(SessionRecord state) {
    failures.beforeRebuild();
    Trainer next = trainerFor(state);
    if (trainer != null) {
      trainer.close();
    }
    trainer = next;
    history = new StepHistory(settings.historyLimit(), trainer.model().parameterCount());
  }

  /** A new trainer on the record's training points, going on from where the last one was. */
  void retrain(SessionRecord state) {
    Trainer previous = trainer;
    trainer = trainerFor(state);
    previous.close();
  }

  /** Closes the trainer, if any. */
  void close() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }

  /** A trainer for the record's spec and training points, at the record's trainer state. */
  private Trainer trainerFor(SessionRecord state) {
    Trainer next = new Trainer(state.spec(), state.points(), parentManager);
    try {
      next.restore(state.trainer());
    } catch (RuntimeException failure) {
      next.close();
      throw failure;
    }
    return next;
  }
}
