package io.downhill.numerics.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.Fit;
import io.downhill.numerics.model.ResidualPass;

/**
 * How a {@link Trainer} gets the loss and the gradient at its parameters, by its {@link
 * GradientMethod}. Its arrays (the fit's, and autograd's divisor) live in the trainer's manager,
 * and every array a step makes is released before {@link #at} returns.
 */
final class LossGradient {
  /** What the trainer does with one step's loss and gradient while the gradient is alive. */
  interface Use<T> {
    T apply(double loss, NDArray gradient);
  }

  private final Fit fit;
  private final Loss loss;
  private final long points;
  private final GradientMethod method;
  private final NDManager manager;
  private final NDList persistent;

  /**
   * The number of points as a scalar array that lives as long as the trainer, for autograd's
   * division. {@code div(points)} would make a scalar array over a direct buffer and close it when
   * the op returns, while the graph keeps the tensor for the backward pass: once the buffer is
   * collected, the backward divides by whatever took its memory (seen as gradients off by any
   * factor, or not finite, now and then under load).
   */
  private final NDArray count;

  /**
   * @param manager the trainer's manager, whose arrays {@code persistent} lists: autograd steps
   *     borrow them into a sub-manager
   */
  LossGradient(
      Fit fit,
      Loss loss,
      long points,
      GradientMethod method,
      NDManager manager,
      NDList persistent) {
    this.fit = fit;
    this.loss = loss;
    this.points = points;
    this.method = method;
    this.manager = manager;
    this.persistent = persistent;
    this.count = method == GradientMethod.AUTOGRAD ? manager.create((double) points) : null;
  }

  /** Computes the loss and gradient at {@code params} and hands them to {@code use}. */
  <T> T at(NDArray params, Use<T> use) {
    if (method == GradientMethod.AUTOGRAD) {
      try (NDManager scope = manager.newSubManager()) {
        persistent.tempAttach(scope);
        NDArray[] lossAndGradient = autograd(params);
        return use.apply(lossAndGradient[0].toDoubleArray()[0], lossAndGradient[1]);
      }
    }
    // Closed form, without a scope: each temporary below is closed where it is made.
    try (ResidualPass pass = fit.residuals(params)) {
      NDArray residuals = pass.residuals();
      try (NDArray weights = loss.weights(residuals);
          NDArray weightedSum = weights.dot(residuals);
          NDArray gradient = pass.gradient(weights)) {
        return use.apply(loss.fromWeightedSum(weightedSum.toDoubleArray()[0], points), gradient);
      }
    }
  }

  /**
   * The loss alone at {@code params}: one forward pass, reduced as a step reduces it, with no
   * gradient and no autograd (the held-out points' loss is never differentiated).
   */
  double value(NDArray params) {
    try (ResidualPass pass = fit.residuals(params);
        NDArray weights = loss.weights(pass.residuals());
        NDArray weightedSum = weights.dot(pass.residuals())) {
      return loss.fromWeightedSum(weightedSum.toDoubleArray()[0], points);
    }
  }

  /**
   * Autograd through the same forward pass and the same weighted sum as the closed form, so both
   * see the same residuals and report the same loss; autograd differentiates w·r to sign(r) (MAE)
   * or 2r (MSE), as {@link Loss#predictionGradient} states. Arrays land in the caller's scope.
   */
  private NDArray[] autograd(NDArray params) {
    NDArray[] result = new NDArray[2];
    AutogradLane.collect(
        collector -> {
          NDArray leaf = params.duplicate();
          leaf.setRequiresGradient(true);
          try (ResidualPass pass = fit.residuals(leaf)) {
            NDArray residuals = pass.residuals();
            NDArray value = loss.weights(residuals).dot(residuals).div(count);
            collector.backward(value);
            result[0] = value;
            result[1] = leaf.getGradient();
          }
        });
    return result;
  }
}
