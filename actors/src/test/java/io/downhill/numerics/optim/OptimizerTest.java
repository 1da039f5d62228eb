package io.downhill.numerics.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each optimizer against the textbook update ({@code torch.optim}'s definitions) and against the
 * tensor ops sessions ran before the update moved into Java, on gradients that change every step
 * and at a rate that changes every step.
 */
class OptimizerTest {
  private static final OptimizerSpec HYPER = new OptimizerSpec(null, 0.8, 0.9, 0.999, 1e-8);
  private static final int STEPS = 25;
  private static final double[] START = {1.5, -2, 0.25};

  private static double[] gradientAt(int step) {
    return new double[] {Math.sin(step) * 3, 0.5 - step * 0.04, Math.cos(2.0 * step)};
  }

  private static double rateAt(int step) {
    return 0.1 / (1 + step);
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void everyStepIsTheTextbookUpdateAtThatStepsRate(OptimizerSpec.Kind kind) {
    double[] expected = START.clone();
    double[] velocity = new double[3];
    double[] first = new double[3];
    double[] second = new double[3];
    Optimizer optimizer = Optimizer.create(HYPER.withKind(kind), 3);
    double[] params = START.clone();
    for (int t = 1; t <= STEPS; t++) {
      double[] g = gradientAt(t);
      double rate = rateAt(t);
      optimizer.update(params, g, rate);
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
      for (int i = 0; i < 3; i++) {
        assertThat(params[i])
            .as("%s, step %d, parameter %d", kind, t, i)
            .isCloseTo(expected[i], within(1e-12 * (1 + Math.abs(expected[i]))));
      }
    }
    assertThat(optimizer.updates()).isEqualTo(kind == OptimizerSpec.Kind.ADAM ? STEPS : 0);
  }

  /**
   * A run journaled when the update was tensor ops replays through this code: the two must agree to
   * the last bit, not merely closely.
   */
  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void everyStepIsBitForBitTheEnginesUpdate(OptimizerSpec.Kind kind) {
    Optimizer optimizer = Optimizer.create(HYPER.withKind(kind), 3);
    double[] params = START.clone();
    try (NDManager manager = NDManager.newBaseManager()) {
      EngineUpdate engine = new EngineUpdate(kind, manager);
      for (int t = 1; t <= STEPS; t++) {
        optimizer.update(params, gradientAt(t), rateAt(t));
        engine.step(t, gradientAt(t), rateAt(t));
        assertThat(params).as("%s, step %d", kind, t).containsExactly(engine.params());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void aRestoredOptimizerGoesOnBitForBit(OptimizerSpec.Kind kind) {
    Optimizer original = Optimizer.create(HYPER.withKind(kind), 3);
    double[] params = {1, 2, 3};
    for (int t = 1; t <= 10; t++) {
      original.update(params, gradientAt(t), rateAt(t));
    }
    Optimizer restored = Optimizer.create(HYPER.withKind(kind), 3);
    restored.restore(original.slots(), original.updates());
    double[] copy = params.clone();
    for (int t = 11; t <= 20; t++) {
      original.update(params, gradientAt(t), rateAt(t));
      restored.update(copy, gradientAt(t), rateAt(t));
      assertThat(copy).containsExactly(params);
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void aResetOptimizerStepsAsANewOne(OptimizerSpec.Kind kind) {
    Optimizer used = Optimizer.create(HYPER.withKind(kind), 3);
    double[] scratch = START.clone();
    for (int t = 1; t <= 5; t++) {
      used.update(scratch, gradientAt(t), rateAt(t));
    }
    used.reset();
    Optimizer fresh = Optimizer.create(HYPER.withKind(kind), 3);
    double[] a = START.clone();
    double[] b = START.clone();
    for (int t = 1; t <= 5; t++) {
      used.update(a, gradientAt(t), rateAt(t));
      fresh.update(b, gradientAt(t), rateAt(t));
    }
    assertThat(a).containsExactly(b);
  }

  /** The update as the tensor ops sessions ran, op for op, with scalars as 0-d arrays. */
  private static final class EngineUpdate {
    private final OptimizerSpec.Kind kind;
    private final NDManager manager;
    private final NDArray params;
    private final NDArray velocity;
    private final NDArray first;
    private final NDArray second;

    EngineUpdate(OptimizerSpec.Kind kind, NDManager manager) {
      this.kind = kind;
      this.manager = manager;
      this.params = manager.create(START.clone());
      this.velocity = manager.zeros(params.getShape(), params.getDataType());
      this.first = manager.zeros(params.getShape(), params.getDataType());
      this.second = manager.zeros(params.getShape(), params.getDataType());
    }

    void step(int t, double[] g, double rate) {
      NDArray gradient = manager.create(g);
      switch (kind) {
        case SGD -> params.subi(gradient.mul(scalar(rate)));
        case MOMENTUM -> {
          velocity.muli(scalar(HYPER.momentum())).addi(gradient);
          params.subi(velocity.mul(scalar(rate)));
        }
        case ADAM -> {
          double beta1 = HYPER.beta1();
          double beta2 = HYPER.beta2();
          first.subi(gradient).muli(scalar(beta1)).addi(gradient);
          second.muli(scalar(beta2));
          second.addi(gradient.square().muli(scalar(1 - beta2)));
          double correction2Root = Math.sqrt(1 - Math.pow(beta2, t));
          double scale = rate * correction2Root / (1 - Math.pow(beta1, t));
          NDArray denominator = second.sqrt().addi(scalar(HYPER.epsilon() * correction2Root));
          params.subi(first.div(denominator).muli(scalar(scale)));
        }
      }
    }

    double[] params() {
      return params.toDoubleArray();
    }

    private NDArray scalar(double value) {
      return manager.create(value);
    }
  }
}
