package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.batch.VariantOutcome;
import io.downhill.numerics.training.TrainingSpec;

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
    String status,
    long steps,
    double loss,
    double bestLoss,
    long reachedTargetAt,
    double[] params)
    implements DownhillSerializable {

  static String status(VariantOutcome outcome, boolean finished) {
    return outcome == VariantOutcome.ACTIVE && finished ? "finished" : outcome.wireName();
  }
}
