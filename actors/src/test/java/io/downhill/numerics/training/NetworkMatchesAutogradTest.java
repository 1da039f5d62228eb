package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.data.TargetFunction;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A network's hand-written backpropagation equals DJL autograd, step after step, for one, two and
 * three hidden layers, every loss and every optimizer, with and without the lesson's accumulation.
 */
class NetworkMatchesAutogradTest {
  static final DataSpec SINE =
      new DataSpec(
          new TargetFunction(TargetFunction.Kind.SINE, new double[] {2, 1.5}),
          40,
          -3,
          3,
          0.1,
          0.2,
          3);

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    List<List<Integer>> shapes = List.of(List.of(5), List.of(4, 3), List.of(3, 4, 2));
    for (List<Integer> hidden : shapes) {
      for (Loss loss : Loss.values()) {
        for (OptimizerSpec.Kind optimizer : OptimizerSpec.Kind.values()) {
          cases.add(Arguments.of(hidden, loss, optimizer, optimizer == OptimizerSpec.Kind.SGD));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} accumulate={3}")
  @MethodSource("cases")
  void trajectoriesAgree(
      List<Integer> hidden, Loss loss, OptimizerSpec.Kind optimizer, boolean accumulate) {
    ModelSpec model = ModelSpec.mlp(hidden);
    double[] init = DefaultInit.forModel(model, SINE);
    try (NDManager manager = NDManager.newBaseManager();
        Trainer analytic =
            new Trainer(
                spec(model, loss, optimizer, accumulate, GradientMethod.ANALYTIC), manager);
        Trainer autograd =
            new Trainer(
                spec(model, loss, optimizer, accumulate, GradientMethod.AUTOGRAD), manager)) {
      for (int step = 0; step < 25; step++) {
        StepRecord a = analytic.step().orElseThrow();
        StepRecord b = autograd.step().orElseThrow();
        assertThat(a.loss()).isCloseTo(b.loss(), within(1e-9));
        for (int i = 0; i < init.length; i++) {
          assertThat(a.gradient()[i]).isCloseTo(b.gradient()[i], within(1e-9));
          assertThat(a.params()[i]).isCloseTo(b.params()[i], within(1e-9));
        }
      }
      assertThat(analytic.evaluate(analytic.params()))
          .isCloseTo(autograd.evaluate(autograd.params()), within(1e-9));
    }
  }

  private static TrainingSpec spec(
      ModelSpec model,
      Loss loss,
      OptimizerSpec.Kind optimizer,
      boolean accumulate,
      GradientMethod method) {
    return new TrainingSpec(
        SINE,
        model,
        loss,
        OptimizerSpec.sgd().withKind(optimizer),
        0.01,
        LearningRateSchedule.constant(),
        accumulate,
        DefaultInit.forModel(model, SINE),
        method);
  }
}
