package io.downhill.session;

import io.downhill.access.Refused;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.Trainer;

/**
 * Checks a hand edit of a session's training points against its points and the limits, and gives
 * the event to store, or the refusal (naming the field) that leaves everything as it was. The
 * points stay within the spec's own bounds: at least {@link #MIN_POINTS}, at most {@code
 * maxPoints}, and points × parameters (held-out points included) within the work budget.
 */
final class PointEdits {
  /** The fewest training points a session keeps: a fit needs something to fit. */
  static final int MIN_POINTS = 1;

  private PointEdits() {}

  /** What an edit comes to: exactly one of the two is set. */
  record Outcome(SessionJournalEvent event, Refused refused) {
    static Outcome refuse(Refused refused) {
      return new Outcome(null, refused);
    }
  }

  static Outcome add(Trainer trainer, Session.AddPoint edit, SpecLimits limits) {
    Refused refused = checkCoordinates(edit.x(), edit.y(), limits);
    if (refused != null) {
      return Outcome.refuse(refused);
    }
    int points = trainer.dataset().size() + 1;
    if (points > limits.maxPoints()) {
      return Outcome.refuse(
          Refused.invalid("points", "a session holds at most " + limits.maxPoints() + " points"));
    }
    long elements =
        (long) (points + trainer.validation().size()) * trainer.model().parameterCount();
    if (elements > limits.maxTensorElements()) {
      return Outcome.refuse(
          Refused.invalid(
              "points",
              "points × parameters must be at most "
                  + limits.maxTensorElements()
                  + " (here "
                  + elements
                  + ")"));
    }
    return new Outcome(new SessionJournalEvent.PointAdded(edit.x(), edit.y()), null);
  }

  static Outcome move(Trainer trainer, Session.MovePoint edit, SpecLimits limits) {
    Refused refused = checkIndex(trainer, edit.index());
    if (refused == null) {
      refused = checkCoordinates(edit.x(), edit.y(), limits);
    }
    return refused != null
        ? Outcome.refuse(refused)
        : new Outcome(new SessionJournalEvent.PointMoved(edit.index(), edit.x(), edit.y()), null);
  }

  static Outcome remove(Trainer trainer, Session.RemovePoint edit) {
    Refused refused = checkIndex(trainer, edit.index());
    if (refused == null && trainer.dataset().size() <= MIN_POINTS) {
      refused = Refused.invalid("index", "the last training point cannot be removed");
    }
    return refused != null
        ? Outcome.refuse(refused)
        : new Outcome(new SessionJournalEvent.PointRemoved(edit.index()), null);
  }

  /** Back to the spec's own points: always fits, since the spec did. */
  static Outcome restore() {
    return new Outcome(new SessionJournalEvent.PointsRestored(), null);
  }

  private static Refused checkIndex(Trainer trainer, int index) {
    int size = trainer.dataset().size();
    return index >= 0 && index < size
        ? null
        : Refused.invalid("index", "must be a point's index, from 0 to " + (size - 1));
  }

  private static Refused checkCoordinates(double x, double y, SpecLimits limits) {
    double max = limits.maxMagnitude();
    if (!Double.isFinite(x) || Math.abs(x) > max) {
      return Refused.invalid("x", "must be a finite number of magnitude at most " + max);
    }
    if (!Double.isFinite(y) || Math.abs(y) > max) {
      return Refused.invalid("y", "must be a finite number of magnitude at most " + max);
    }
    return null;
  }
}
