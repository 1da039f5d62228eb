package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;

/** Plain gradient descent, the lesson's {@code abc -= abc.grad * lr}. Stateless. */
public final class Sgd implements Optimizer {
  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    params.subi(gradient.mul(learningRate));
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    params.subi(gradient.mul(rates));
  }

  @Override
  public void reset() {}
}
