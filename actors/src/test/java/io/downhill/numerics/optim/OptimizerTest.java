package io.downhill.numerics.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each optimizer against the textbook update in plain Java ({@code torch.optim}'s definitions), on
 * gradients that change every step and at a rate that changes every step: the rate and Adam's bias
 * corrections reach the engine through memory Java writes, so a value that failed to arrive would
 * show here as a step taken at the previous one.
 */
class OptimizerTest {
  private static final OptimizerSpec HYPER = new OptimizerSpec(null, 0.8, 0.9, 0.999, 1e-8);
  private static final int STEPS = 25;

  private static double[] gradientAt(int step) {
    return new double[] {Math.sin(step) * 3, 0.5 - step * 0.04, Math.cos(2.0 * step)};
  }

  private static double rateAt(int step) {
    return 0.1 / (1 + step);
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void everyStepIsTheTextbookUpdateAtThatStepsRate(OptimizerSpec.Kind kind) {
    double[] expected = {1.5, -2, 0.25};
    double[] velocity = new double[3];
    double[] first = new double[3];
    double[] second = new double[3];
    try (NDManager manager = NDManager.newBaseManager()) {
      Optimizer optimizer = Optimizer.create(HYPER.withKind(kind), manager, new Shape(3));
      NDArray params = manager.create(expected.clone());
      for (int t = 1; t <= STEPS; t++) {
        double[] g = gradientAt(t);
        double rate = rateAt(t);
        try (NDArray gradient = manager.create(g)) {
          optimizer.update(params, gradient, rate);
        }
        for (int i = 0; i < 3; i++) {
          switch (kind) {
            case SGD -> expected[i] -= rate * g[i];
            case MOMENTUM -> {
              velocity[i] = HYPER.momentum() * velocity[i] + g[i];
              expected[i] -= rate * velocity[i];
            }
            case ADAM -> {
              first[i] = HYPER.beta1() * first[i] + (1 - HYPER.beta1()) * g[i];
              second[i] = HYPER.beta2() * second[i] + (1 - HYPER.beta2()) * g[i] * g[i];
              double mHat = first[i] / (1 - Math.pow(HYPER.beta1(), t));
              double vHat = second[i] / (1 - Math.pow(HYPER.beta2(), t));
              expected[i] -= rate * mHat / (Math.sqrt(vHat) + HYPER.epsilon());
            }
          }
        }
        double[] actual = params.toDoubleArray();
        for (int i = 0; i < 3; i++) {
          assertThat(actual[i])
              .as("%s, step %d, parameter %d", kind, t, i)
              .isCloseTo(expected[i], within(1e-12 * (1 + Math.abs(expected[i]))));
        }
      }
      assertThat(optimizer.updates()).isEqualTo(kind == OptimizerSpec.Kind.ADAM ? STEPS : 0);
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void aRestoredOptimizerGoesOnBitForBit(OptimizerSpec.Kind kind) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Optimizer original = Optimizer.create(HYPER.withKind(kind), manager, new Shape(3));
      NDArray params = manager.create(new double[] {1, 2, 3});
      for (int t = 1; t <= 10; t++) {
        try (NDArray gradient = manager.create(gradientAt(t))) {
          original.update(params, gradient, rateAt(t));
        }
      }
      Optimizer restored = Optimizer.create(HYPER.withKind(kind), manager, new Shape(3));
      restored.restore(original.slots(), original.updates());
      NDArray copy = params.duplicate();
      for (int t = 11; t <= 20; t++) {
        try (NDArray gradient = manager.create(gradientAt(t))) {
          original.update(params, gradient, rateAt(t));
          restored.update(copy, gradient, rateAt(t));
        }
        assertThat(copy.toDoubleArray()).containsExactly(params.toDoubleArray());
      }
    }
  }
}
