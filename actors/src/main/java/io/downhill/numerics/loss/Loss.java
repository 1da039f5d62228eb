package io.downhill.numerics.loss;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * A loss of the residuals {@code predictions − targets}, reduced over the last axis so that a batch
 * of residuals [K, n] gives K losses. Each knows its own derivative, so no collector is needed.
 */
public enum Loss {
  /** Mean absolute error, the lesson's {@code mae}. */
  MAE {
    @Override
    public NDArray value(NDArray residuals) {
      return residuals.abs().mean(new int[] {-1});
    }

    @Override
    public NDArray predictionGradient(NDArray residuals) {
      // sign(0) = 0, as torch's abs backward gives.
      return residuals.sign().div(count(residuals));
    }
  },
  /** Mean squared error. */
  MSE {
    @Override
    public NDArray value(NDArray residuals) {
      return residuals.square().mean(new int[] {-1});
    }

    @Override
    public NDArray predictionGradient(NDArray residuals) {
      return residuals.mul(2.0 / count(residuals));
    }
  };

  /** The loss: a scalar for residuals [n], [K] for [K, n]. */
  public abstract NDArray value(NDArray residuals);

  /** The derivative of {@link #value} with respect to each prediction. */
  public abstract NDArray predictionGradient(NDArray residuals);

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static double count(NDArray residuals) {
    return residuals.getShape().get(residuals.getShape().dimension() - 1);
  }
}
