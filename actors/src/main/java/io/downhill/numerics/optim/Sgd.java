package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Plain gradient descent, the lesson's {@code abc -= abc.grad * lr}. Stateless: its one array holds
 * the last rate, so a constant rate is not remade every step.
 */
public final class Sgd implements Optimizer {
  private final Coefficient rate;

  /** Keeps the rate as an array in {@code manager}. */
  Sgd(NDManager manager) {
    this.rate = new Coefficient(manager, 0);
  }

  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    try (NDArray step = gradient.mul(rate.of(learningRate))) {
      params.subi(step);
    }
  }

  @Override
  public void reset() {}
}
