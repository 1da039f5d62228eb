package io.downhill.session;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.model.BoundModel;
import io.downhill.numerics.training.Trainer;

/**
 * The gradient of a session's loss at any parameters, without a step: what the lesson's {@code
 * loss.backward()} leaves in a zeroed {@code abc.grad}. It uses the model's and the loss's closed
 * forms on the trainer's data in a scope of its own, closed before it returns, so the run (its
 * parameters, its summed gradient, its step count) is untouched.
 */
final class GradientProbe {
  private GradientProbe() {}

  /** The gradient at {@code params}, one number per parameter. */
  static double[] at(Trainer trainer, NDManager parent, double[] params) {
    try (NDManager scope = parent.newSubManager()) {
      NDArray x = scope.create(trainer.dataset().x());
      NDArray y = scope.create(trainer.dataset().y());
      BoundModel bound = trainer.model().bind(x);
      NDArray p = scope.create(params);
      NDArray residuals = bound.predict(p).sub(y);
      return bound.gradient(p, trainer.spec().loss().predictionGradient(residuals)).toDoubleArray();
    }
  }
}
