package io.downhill.numerics.optim;

import java.util.Arrays;

/** SGD with momentum as PyTorch defines it: {@code v = μ·v + g; p -= lr·v}. */
public final class Momentum implements Optimizer {
  private final double momentum;
  private final double[] velocity;

  Momentum(double momentum, int parameterCount) {
    this.momentum = momentum;
    this.velocity = new double[parameterCount];
  }

  @Override
  public void update(double[] params, double[] gradient, double learningRate) {
    for (int i = 0; i < params.length; i++) {
      velocity[i] = velocity[i] * momentum + gradient[i];
      params[i] -= velocity[i] * learningRate;
    }
  }

  @Override
  public void reset() {
    Arrays.fill(velocity, 0);
  }

  @Override
  public double[][] slots() {
    return new double[][] {velocity.clone()};
  }

  @Override
  public void restore(double[][] slots, long updates) {
    System.arraycopy(slots[0], 0, velocity, 0, velocity.length);
  }
}
