package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Adam with bias correction, as in Kingma and Ba (and {@code torch.optim.Adam}). */
public final class Adam implements Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final NDArray firstMoment;
  private final NDArray secondMoment;
  private final Coefficient decay1;
  private final Coefficient decay2;
  private final Coefficient gain2;
  private final Coefficient guard;
  private final Coefficient stepSize;
  private long steps;

  Adam(OptimizerSpec spec, NDManager manager, Shape parameterShape) {
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
    this.firstMoment = manager.zeros(parameterShape, DataType.FLOAT64);
    this.secondMoment = manager.zeros(parameterShape, DataType.FLOAT64);
    this.decay1 = new Coefficient(manager, beta1);
    this.decay2 = new Coefficient(manager, beta2);
    this.gain2 = new Coefficient(manager, 1 - beta2);
    this.guard = new Coefficient(manager, epsilon);
    this.stepSize = new Coefficient(manager, 0);
  }

  /**
   * One update of one parameter vector, {@code p -= (lr / c1)·m / (sqrt(v) / sqrt(c2) + ε)} written
   * as {@code (lr·sqrt(c2) / c1)·m / (sqrt(v) + ε·sqrt(c2))}: the same quantity in fewer ops, with
   * the constants kept as arrays and the two values that change every step written straight into
   * their arrays' memory. The first moment moves toward the gradient in place as {@code g − β1·(g −
   * m)}, which equals {@code β1·m + (1 − β1)·g} (it is the form {@code torch.lerp} uses for weights
   * of one half and above).
   */
  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    steps++;
    firstMoment.subi(gradient).muli(decay1.of(beta1)).addi(gradient);
    secondMoment.muli(decay2.of(beta2));
    try (NDArray squared = gradient.square()) {
      secondMoment.addi(squared.muli(gain2.of(1 - beta2)));
    }
    double correction2Root = Math.sqrt(1 - Math.pow(beta2, steps));
    double scale = learningRate * correction2Root / (1 - Math.pow(beta1, steps));
    try (NDArray denominator = secondMoment.sqrt()) {
      denominator.addi(guard.of(epsilon * correction2Root));
      try (NDArray step = firstMoment.div(denominator)) {
        params.subi(step.muli(stepSize.of(scale)));
      }
    }
  }

  @Override
  public void reset() {
    steps = 0;
    firstMoment.muli(0);
    secondMoment.muli(0);
  }

  @Override
  public double[][] slots() {
    return new double[][] {firstMoment.toDoubleArray(), secondMoment.toDoubleArray()};
  }

  @Override
  public long updates() {
    return steps;
  }

  @Override
  public void restore(double[][] slots, long updates) {
    firstMoment.set(slots[0]);
    secondMoment.set(slots[1]);
    steps = updates;
  }
}
