package io.downhill.numerics.training;

/**
 * One step of gradient descent, as the lesson prints it: the loss at the parameters before the
 * update, the gradient the update used, the parameters after it, and the learning rate it used. All
 * values are finite, except {@code validationLoss}.
 *
 * @param step the step's number, counting from 1 since the last reset
 * @param validationLoss the loss on the held-out points at the same parameters as {@code loss}, or
 *     NaN when the session holds none out (or that loss is not finite)
 */
public record StepRecord(
    long step,
    double loss,
    double[] gradient,
    double[] params,
    double learningRate,
    double validationLoss) {

  /** A step of a session without held-out points. */
  public StepRecord(
      long step, double loss, double[] gradient, double[] params, double learningRate) {
    this(step, loss, gradient, params, learningRate, Double.NaN);
  }

  /** Whether the step reports a held-out loss. */
  public boolean hasValidationLoss() {
    return Double.isFinite(validationLoss);
  }
}
