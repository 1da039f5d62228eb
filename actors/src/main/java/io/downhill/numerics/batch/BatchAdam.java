package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.tensor.BackedArray;

/**
 * {@link io.downhill.numerics.optim.Adam} over a batch's columns, with its constants folded so a
 * step makes eleven ops instead of fourteen. For a gradient g = G / c (G the loss's, c the gradient
 * scale) it keeps M = m / ((1 − β₁)·c) and V = v / ((1 − β₂)·c²), so that M = β₁·M + g and V = β₂·V
 * + g² need no multiplication by 1 − β, and Adam's
 *
 * <pre>  rate · (m / c₁) / (√(v / c₂) + ε),   c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ</pre>
 *
 * becomes {@code rate · s · M / (√V + ε′)} with s = (1 − β₁) / (c₁·b), ε′ = ε / (c·b) and b = √((1
 * − β₂) / c₂): the same numbers up to rounding, the scale-dependent ε included.
 */
final class BatchAdam implements BatchOptimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double gradientScale;
  private final NDArray beta1Array; // scalars as arrays: a Java number is a new array every op
  private final NDArray beta2Array;
  private final BackedArray epsilonNow; // rewritten every step: Java writes their memory
  private final BackedArray scaleNow;
  private final NDArray first;
  private final NDArray second;
  private long steps;

  BatchAdam(OptimizerSpec spec, double gradientScale, NDManager manager, Shape shape) {
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
    this.gradientScale = gradientScale;
    this.beta1Array = manager.create(new double[] {beta1});
    this.beta2Array = manager.create(new double[] {beta2});
    this.epsilonNow = BackedArray.zeros(manager, new Shape(1));
    this.scaleNow = BackedArray.zeros(manager, new Shape(1));
    this.first = manager.zeros(shape, DataType.FLOAT64);
    this.second = manager.zeros(shape, DataType.FLOAT64);
  }

  @Override
  public void update(NDArray params, NDArray gradient, NDArray rates) {
    steps++;
    double b = Math.sqrt((1 - beta2) / (1 - Math.pow(beta2, steps)));
    epsilonNow.write(0, epsilon / (gradientScale * b));
    scaleNow.write(0, (1 - beta1) / ((1 - Math.pow(beta1, steps)) * b));
    first.muli(beta1Array).addi(gradient);
    second.muli(beta2Array).addi(gradient.muli(gradient));
    NDArray direction = first.div(second.sqrt().addi(epsilonNow.array()));
    params.subi(direction.muli(rates).muli(scaleNow.array()));
  }

  @Override
  public double rateScale() {
    return 1; // ε′ absorbs the gradient scale; Adam is otherwise blind to it
  }

  @Override
  public void reset() {
    steps = 0;
    first.set(ALL, 0);
    second.set(ALL, 0);
  }

  @Override
  public void forget(NDArray columns) {
    BatchOptimizer.zeroColumns(first, columns);
    BatchOptimizer.zeroColumns(second, columns);
  }
}
