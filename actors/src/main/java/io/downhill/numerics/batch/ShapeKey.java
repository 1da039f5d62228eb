package io.downhill.numerics.batch;

import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;

/**
 * What variants must share to run as one batch: everything but the learning rate, the schedule and
 * the starting point.
 */
public record ShapeKey(
    DataSpec data,
    ModelSpec model,
    Loss loss,
    OptimizerSpec optimizer,
    boolean accumulateGradients,
    GradientMethod gradients) {

  public static ShapeKey of(TrainingSpec spec) {
    return new ShapeKey(
        spec.data(),
        spec.model(),
        spec.loss(),
        spec.optimizer(),
        spec.accumulateGradients(),
        spec.gradients());
  }
}
