package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * {@link io.downhill.numerics.optim.Momentum} over a batch's columns. Its velocity is linear in the
 * gradient, so it holds the single optimizer's velocity divided by the gradient scale, which the
 * rates carry.
 */
final class BatchMomentum implements BatchOptimizer {
  private final double gradientScale;
  private final NDArray momentum; // scalar: a Java number would become a new array every step
  private final NDArray velocity;

  BatchMomentum(double momentum, double gradientScale, NDManager manager, Shape shape) {
    this.gradientScale = gradientScale;
    this.momentum = manager.create(new double[] {momentum});
    this.velocity = manager.zeros(shape, DataType.FLOAT64);
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    velocity.muli(momentum).addi(gradient);
    params.subi(velocity.mul(rates));
  }

  @Override
  public double rateScale() {
    return gradientScale;
  }

  @Override
  public void reset() {
    velocity.set(ALL, 0);
  }

  @Override
  public void forget(NDArray columns) {
    BatchOptimizer.zeroColumns(velocity, columns);
  }
}
