package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.batch.VariantOutcome;
import io.downhill.numerics.training.TrainingSpec;
import java.util.Locale;

/**
 * One variant of a sweep as it stands.
 *
 * @param index its place in the sweep
 * @param spec the spec it trains
 * @param status active, reached-target or diverged; or finished once its steps are done
 * @param steps the steps it has taken
 * @param loss its latest finite loss (NaN before its first step)
 * @param bestLoss the lowest loss it reached
 * @param reachedTargetAt the step at which its loss first fell below the target, or -1
 * @param params its current parameters
 */
public record VariantState(
    int index,
    TrainingSpec spec,
    Status status,
    long steps,
    double loss,
    double bestLoss,
    long reachedTargetAt,
    double[] params)
    implements DownhillSerializable {

  /** Where a variant stands; its wire name is lower case with hyphens ({@code reached-target}). */
  public enum Status {
    ACTIVE,
    REACHED_TARGET,
    DIVERGED,
    /** Active until the last of its steps. */
    FINISHED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  static Status status(VariantOutcome outcome, boolean finished) {
    if (outcome == VariantOutcome.ACTIVE) {
      return finished ? Status.FINISHED : Status.ACTIVE;
    }
    return outcome == VariantOutcome.DIVERGED ? Status.DIVERGED : Status.REACHED_TARGET;
  }
}
