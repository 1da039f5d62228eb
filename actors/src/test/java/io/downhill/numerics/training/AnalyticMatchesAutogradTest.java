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
 * The closed-form gradients of every model and loss equal DJL autograd's, step after step: the
 * network's hand-written backpropagation for one, two and three hidden layers too.
 */
class AnalyticMatchesAutogradTest {

  static Stream<Arguments> cases() {
    DataSpec sine =
        new DataSpec(
            new TargetFunction(TargetFunction.Kind.SINE, new double[] {2, 1.5}),
            40,
            -3,
            3,
            0.1,
            0.2,
            3);
    Stream<Arguments> models =
        Stream.of(
            Arguments.of(
                new ModelSpec(ModelSpec.Kind.POLYNOMIAL, 3),
                Loss.MSE,
                OptimizerSpec.Kind.SGD,
                new double[] {0.1, -0.2, 0.3, 0.4},
                sine),
            Arguments.of(
                new ModelSpec(ModelSpec.Kind.RELU_SUM, 3),
                Loss.MAE,
                OptimizerSpec.Kind.MOMENTUM,
                new double[] {-1.5, -2.0, 1.5, 1.7, -1.1, 2.0},
                sine),
            Arguments.of(
                new ModelSpec(ModelSpec.Kind.RELU_SUM, 2),
                Loss.MSE,
                OptimizerSpec.Kind.ADAM,
                new double[] {1, 0.5, -1, 0.5},
                sine),
            Arguments.of(
                ModelSpec.quadratic(),
                Loss.MSE,
                OptimizerSpec.Kind.ADAM,
                new double[] {1.1, 1.2, 1.3},
                Presets.notebook().data()));
    return Stream.concat(models, networks(sine));
  }

  /**
   * Networks of one, two and three hidden layers from their seeded start, every loss, optimizer.
   */
  static Stream<Arguments> networks(DataSpec data) {
    List<Arguments> cases = new ArrayList<>();
    for (List<Integer> hidden : List.of(List.of(5), List.of(4, 3), List.of(3, 4, 2))) {
      ModelSpec model = ModelSpec.mlp(hidden);
      for (Loss loss : Loss.values()) {
        for (OptimizerSpec.Kind optimizer : OptimizerSpec.Kind.values()) {
          cases.add(Arguments.of(model, loss, optimizer, DefaultInit.forModel(model, data), data));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void trajectoriesAgree(
      ModelSpec model, Loss loss, OptimizerSpec.Kind optimizer, double[] init, DataSpec data) {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer analytic =
            new Trainer(
                spec(model, loss, optimizer, init, data, GradientMethod.ANALYTIC), manager);
        Trainer autograd =
            new Trainer(
                spec(model, loss, optimizer, init, data, GradientMethod.AUTOGRAD), manager)) {
      for (int step = 0; step < 25; step++) {
        StepRecord a = analytic.step().orElseThrow();
        StepRecord b = autograd.step().orElseThrow();
        assertThat(a.loss()).isCloseTo(b.loss(), within(1e-9));
        for (int i = 0; i < init.length; i++) {
          assertThat(a.gradient()[i]).isCloseTo(b.gradient()[i], within(1e-9));
          assertThat(a.params()[i]).isCloseTo(b.params()[i], within(1e-9));
        }
      }
    }
  }

  private static TrainingSpec spec(
      ModelSpec model,
      Loss loss,
      OptimizerSpec.Kind optimizer,
      double[] init,
      DataSpec data,
      GradientMethod method) {
    return new TrainingSpec(
        data,
        model,
        loss,
        OptimizerSpec.sgd().withKind(optimizer),
        0.01,
        LearningRateSchedule.constant(),
        false,
        init,
        method);
  }
}
