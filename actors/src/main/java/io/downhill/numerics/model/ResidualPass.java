package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * One forward pass of a {@link Fit}: the residuals and what the gradient needs from the pass. It
 * owns its arrays and releases them when closed; it lives for one step.
 */
public interface ResidualPass extends AutoCloseable {

  /** {@code predictions − targets}, shape [n], owned by the pass. */
  NDArray residuals();

  /**
   * The gradient with respect to the parameters of {@code w·predictions} times the fit's gradient
   * scale, for weights {@code w} of shape [n]: with a loss's weights, the loss's gradient. A new
   * array in the fit's parameter shape that the caller owns. Called at most once per pass: it may
   * reuse the pass's own arrays, and it scales {@code weights} in place (so the residuals too, when
   * they are the weights).
   */
  NDArray gradient(NDArray weights);

  @Override
  void close();

  /**
   * The pass of {@code residuals}, whose {@link #gradient} is {@code gradient} and which {@code
   * release} closes: the arrays it made, the residuals among them.
   */
  static ResidualPass of(NDArray residuals, UnaryOperator<NDArray> gradient, Runnable release) {
    return new ResidualPass() {
      @Override
      public NDArray residuals() {
        return residuals;
      }

      @Override
      public NDArray gradient(NDArray weights) {
        return gradient.apply(weights);
      }

      @Override
      public void close() {
        release.run();
      }
    };
  }
}
