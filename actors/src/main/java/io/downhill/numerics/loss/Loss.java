package io.downhill.numerics.loss;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * A loss of the residuals {@code predictions − targets}, reduced over the last axis so that a batch
 * of residuals [K, n] gives K losses. Each knows its own derivative, so no collector is needed.
 *
 * <p>Both losses are also a weighted sum of the residuals: with weights {@code w} from {@link
 * #weights}, the loss is {@code w·r / n} and its derivative with respect to each prediction is
 * {@link #gradientScale}{@code (n)·w}. A trainer stepping one parameter vector uses that form: one
 * dot product for the loss, and the constant scale folded into arrays the model precomputes, so
 * neither the mean nor the division by n costs a tensor op per step.
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

    /** sign(r), since sign(r)·r = |r|. */
    @Override
    public NDArray weights(NDArray residuals) {
      return residuals.sign();
    }

    @Override
    public double gradientScale(long count) {
      return 1.0 / count;
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

    /** The residuals themselves: no op, and the caller gets {@code residuals} back. */
    @Override
    public NDArray weights(NDArray residuals) {
      return residuals;
    }

    @Override
    public double gradientScale(long count) {
      return 2.0 / count;
    }
  };

  /** The loss: a scalar for residuals [n], [K] for [K, n]. */
  public abstract NDArray value(NDArray residuals);

  /** The derivative of {@link #value} with respect to each prediction. */
  public abstract NDArray predictionGradient(NDArray residuals);

  /**
   * Weights {@code w} of the residuals [n] with {@code w·r = n·loss}: a new array the caller owns,
   * or {@code residuals} itself where the weights are the residuals (closing it twice is harmless).
   */
  public abstract NDArray weights(NDArray residuals);

  /** The factor c with ∂loss/∂prediction = c·{@link #weights} over {@code count} residuals. */
  public abstract double gradientScale(long count);

  /** The loss from {@code w·r}, the dot product of {@link #weights} and the residuals. */
  public double fromWeightedSum(double weightedSum, long count) {
    return weightedSum / count;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static double count(NDArray residuals) {
    return residuals.getShape().get(residuals.getShape().dimension() - 1);
  }
}
