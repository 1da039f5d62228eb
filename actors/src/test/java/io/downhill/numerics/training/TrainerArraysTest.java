package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closed-form steps release every array they make, for every model, loss and optimizer, with and
 * without gradient accumulation and with a rate that changes every step.
 */
class TrainerArraysTest {

  static Stream<TrainingSpec> specs() {
    TrainingSpec notebook = Presets.notebook();
    TrainingSpec relu = Presets.relu();
    List<TrainingSpec> specs = new ArrayList<>();
    for (TrainingSpec base : List.of(notebook, relu)) {
      for (Loss loss : Loss.values()) {
        for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
          for (boolean accumulate : new boolean[] {false, true}) {
            specs.add(
                new TrainingSpec(
                    base.data(),
                    base.model(),
                    loss,
                    base.optimizer().withKind(kind),
                    0.001,
                    new LearningRateSchedule(
                        LearningRateSchedule.Kind.EXPONENTIAL, 100, 0.99, 1000, 0),
                    accumulate,
                    base.init(),
                    GradientMethod.ANALYTIC));
          }
        }
      }
    }
    specs.add(
        new TrainingSpec(
            notebook.data(),
            new ModelSpec(ModelSpec.Kind.POLYNOMIAL, 5),
            Loss.MSE,
            notebook.optimizer(),
            1e-5,
            notebook.schedule(),
            false,
            new double[6],
            GradientMethod.ANALYTIC));
    return specs.stream();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void stepsLeaveTheNumberOfLiveArraysUnchanged(TrainingSpec spec) {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(spec, manager)) {
      trainer.step().orElseThrow();
      // A count, not cap(): a step's temporaries go to the trainer's own sub-manager, not to this
      // one, and a step makes and closes temporaries there, which a capped manager would refuse.
      int live = manager.getManagedArrays().size();
      for (int i = 0; i < 50; i++) {
        trainer.step().orElseThrow();
      }
      assertThat(manager.getManagedArrays()).hasSize(live);
    }
  }
}
