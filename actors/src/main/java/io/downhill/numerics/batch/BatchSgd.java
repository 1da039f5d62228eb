package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;

/** {@link io.downhill.numerics.optim.Sgd} over a batch's columns: two ops, no state. */
final class BatchSgd implements BatchOptimizer {
  private final double gradientScale;

  BatchSgd(double gradientScale) {
    this.gradientScale = gradientScale;
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    params.subi(gradient.muli(rates));
  }

  @Override
  public double rateScale() {
    return gradientScale;
  }

  @Override
  public void reset() {}

  @Override
  public void forget(NDArray columns) {}
}
