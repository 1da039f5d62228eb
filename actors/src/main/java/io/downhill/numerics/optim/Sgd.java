package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Plain gradient descent, the lesson's {@code abc -= abc.grad * lr}. Stateless: its one array holds
 * the last rate, so a constant rate is not remade every step.
 */
public final class Sgd implements Optimizer {
  private final Coefficient rate;

  /** Without a manager: each update makes its rate array anew. */
  public Sgd() {
    this.rate = null;
  }

  /** Keeps the rate as an array in {@code manager}, rewritten only when it changes. */
  public Sgd(NDManager manager) {
    this.rate = new Coefficient(manager, 0);
  }

  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    if (rate == null) {
      params.subi(gradient.mul(learningRate));
      return;
    }
    try (NDArray step = gradient.mul(rate.of(learningRate))) {
      params.subi(step);
    }
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    params.subi(gradient.mul(rates));
  }

  @Override
  public void reset() {}
}
