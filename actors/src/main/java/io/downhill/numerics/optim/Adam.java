package io.downhill.numerics.optim;

import java.util.Arrays;

/** Adam with bias correction, as in Kingma and Ba (and {@code torch.optim.Adam}). */
public final class Adam implements Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private long steps;

  Adam(OptimizerSpec spec, int parameterCount) {
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
    this.firstMoment = new double[parameterCount];
    this.secondMoment = new double[parameterCount];
  }

  /**
   * One update, {@code p -= (lr / c1)·m / (sqrt(v) / sqrt(c2) + ε)} written as {@code (lr·sqrt(c2)
   * / c1)·m / (sqrt(v) + ε·sqrt(c2))}: the same quantity with the corrections folded into two
   * scalars per step. The first moment moves toward the gradient as {@code (m − g)·β1 + g}, which
   * equals {@code β1·m + (1 − β1)·g} (the form {@code torch.lerp} uses for weights of one half and
   * above).
   */
  @Override
  public void update(double[] params, double[] gradient, double learningRate) {
    steps++;
    double gain2 = 1 - beta2;
    double correction2Root = Math.sqrt(1 - Math.pow(beta2, steps));
    double scale = learningRate * correction2Root / (1 - Math.pow(beta1, steps));
    double guard = epsilon * correction2Root;
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i];
      firstMoment[i] = (firstMoment[i] - g) * beta1 + g;
      secondMoment[i] = secondMoment[i] * beta2 + g * g * gain2;
      double denominator = Math.sqrt(secondMoment[i]) + guard;
      params[i] -= firstMoment[i] / denominator * scale;
    }
  }

  @Override
  public void reset() {
    steps = 0;
    Arrays.fill(firstMoment, 0);
    Arrays.fill(secondMoment, 0);
  }

  @Override
  public double[][] slots() {
    return new double[][] {firstMoment.clone(), secondMoment.clone()};
  }

  @Override
  public long updates() {
    return steps;
  }

  @Override
  public void restore(double[][] slots, long updates) {
    System.arraycopy(slots[0], 0, firstMoment, 0, firstMoment.length);
    System.arraycopy(slots[1], 0, secondMoment, 0, secondMoment.length);
    steps = updates;
  }
}
