package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import io.downhill.numerics.loss.Loss;

/**
 * {@link Loss} over the columns of a batch, split so that each lock-step does the least: the per
 * variant sums of the loss (divided by n in Java, where they are read anyway), and the weights
 * whose product with the model's derivative is the gradient once multiplied by {@link
 * #gradientScale}, a constant that the rates carry instead of a pass over every residual.
 */
enum BatchLoss {
  MAE {
    @Override
    NDArray sums(NDArray residuals) {
      return residuals.abs().sum(COLUMNS);
    }

    @Override
    NDArray weights(NDArray residuals) {
      // sign(0) = 0, as torch's abs backward gives.
      return residuals.signi();
    }

    @Override
    double gradientScale(int count) {
      return 1.0 / count;
    }
  },
  MSE {
    @Override
    NDArray sums(NDArray residuals) {
      return residuals.square().sum(COLUMNS);
    }

    @Override
    NDArray weights(NDArray residuals) {
      return residuals;
    }

    @Override
    double gradientScale(int count) {
      return 2.0 / count;
    }
  };

  private static final int[] COLUMNS = {0};

  /** Σⱼ of the loss's terms for residuals [n, K]: [K]. */
  abstract NDArray sums(NDArray residuals);

  /** The weights [n, K], computed in place: the residuals are not used after this. */
  abstract NDArray weights(NDArray residuals);

  /** The constant by which the weights' gradient falls short of the loss's, for n points. */
  abstract double gradientScale(int count);

  static BatchLoss of(Loss loss) {
    return switch (loss) {
      case MAE -> MAE;
      case MSE -> MSE;
    };
  }
}
