package io.downhill.numerics.optim;

/** Plain gradient descent, the lesson's {@code abc -= abc.grad * lr}. Stateless. */
public final class Sgd implements Optimizer {

  @Override
  public void update(double[] params, double[] gradient, double learningRate) {
    for (int i = 0; i < params.length; i++) {
      params[i] -= gradient[i] * learningRate;
    }
  }

  @Override
  public void reset() {}
}
