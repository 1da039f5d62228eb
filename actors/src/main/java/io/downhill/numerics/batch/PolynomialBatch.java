package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.Dataset;

/**
 * {@link io.downhill.numerics.model.Polynomial} in the batch's column layout: the same powers of x,
 * highest first, so residuals are one product and the gradient one more.
 */
final class PolynomialBatch implements BatchModel {
  private final NDArray features; // [n, P]
  private final NDArray featuresTransposed; // [P, n]
  private final NDArray negatedTargets; // [n, 1]

  private PolynomialBatch(NDArray features, NDArray featuresTransposed, NDArray negatedTargets) {
    this.features = features;
    this.featuresTransposed = featuresTransposed;
    this.negatedTargets = negatedTargets;
  }

  static PolynomialBatch bind(int degree, Dataset data, NDManager manager) {
    NDArray x = manager.create(data.x());
    NDList powers = new NDList();
    for (int power = degree; power >= 0; power--) {
      powers.add(power == 0 ? x.onesLike() : power == 1 ? x.duplicate() : x.pow(power));
    }
    NDArray features = NDArrays.stack(powers, 1);
    NDArray featuresTransposed = features.transpose().duplicate();
    powers.close();
    x.close();
    double[] negated = data.y();
    for (int j = 0; j < negated.length; j++) {
      negated[j] = -negated[j];
    }
    NDArray negatedTargets = manager.create(negated, new Shape(negated.length, 1));
    return new PolynomialBatch(features, featuresTransposed, negatedTargets);
  }

  @Override
  public Pass forward(NDArray params) {
    // linear is addmm: subtracting the targets rides on the product instead of a pass of its own.
    NDArray residuals =
        features
            .getNDArrayInternal()
            .linear(features, params.transpose(), negatedTargets)
            .singletonOrThrow();
    return new Pass() {
      @Override
      public NDArray residuals() {
        return residuals;
      }

      @Override
      public NDArray gradient(NDArray weights) {
        return featuresTransposed.matMul(weights);
      }
    };
  }
}
