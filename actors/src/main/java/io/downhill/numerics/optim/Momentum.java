package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** SGD with momentum as PyTorch defines it: {@code v = μ·v + g; p -= lr·v}. */
public final class Momentum implements Optimizer {
  private final double momentum;
  private final NDArray velocity;
  private final Coefficient momentumFactor;
  private final Coefficient rate;

  Momentum(double momentum, NDManager manager, Shape parameterShape) {
    this.momentum = momentum;
    this.velocity = manager.zeros(parameterShape, DataType.FLOAT64);
    this.momentumFactor = new Coefficient(manager, momentum);
    this.rate = new Coefficient(manager, 0);
  }

  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    velocity.muli(momentumFactor.of(momentum)).addi(gradient);
    try (NDArray step = velocity.mul(rate.of(learningRate))) {
      params.subi(step);
    }
  }

  @Override
  public void reset() {
    velocity.muli(0);
  }

  @Override
  public double[][] slots() {
    return new double[][] {velocity.toDoubleArray()};
  }

  @Override
  public void restore(double[][] slots, long updates) {
    velocity.set(slots[0]);
  }
}
