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
  private long steps;

  Adam(OptimizerSpec spec, NDManager manager, Shape parameterShape) {
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
    this.firstMoment = manager.zeros(parameterShape, DataType.FLOAT64);
    this.secondMoment = manager.zeros(parameterShape, DataType.FLOAT64);
  }

  @Override
  public void update(NDArray params, NDArray gradient, double learningRate) {
    params.subi(step(gradient).mul(learningRate));
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    params.subi(step(gradient).mul(rates));
  }

  /** Advances the moments and returns the bias-corrected direction, before the rate. */
  private NDArray step(NDArray gradient) {
    steps++;
    firstMoment.muli(beta1).addi(gradient.mul(1 - beta1));
    secondMoment.muli(beta2).addi(gradient.square().mul(1 - beta2));
    double firstCorrection = 1 - Math.pow(beta1, steps);
    double secondCorrection = 1 - Math.pow(beta2, steps);
    NDArray denominator = secondMoment.div(secondCorrection).sqrt().add(epsilon);
    return firstMoment.div(firstCorrection).div(denominator);
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
