package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static TrainingSpec notebookWith(Loss loss, double lr, boolean accumulate) {
    TrainingSpec n = Presets.notebook();
    return new TrainingSpec(
        n.data(),
        n.model(),
        loss,
        n.optimizer(),
        lr,
        n.schedule(),
        accumulate,
        n.init(),
        n.gradients());
  }

  @Test
  void stepsDoNotGrowTheNumberOfLiveArrays() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(Presets.notebook(), manager)) {
      trainer.step();
      int live = manager.getManagedArrays().size();
      for (int i = 0; i < 200; i++) {
        trainer.step();
        trainer.evaluate(new double[] {1, 2, 3});
        trainer.curve(new double[] {1, 2, 3});
      }
      assertThat(manager.getManagedArrays()).hasSize(live);
    }
  }

  @Test
  void closingTheTrainerReleasesEveryArray() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Trainer trainer = new Trainer(Presets.notebook(), manager);
      trainer.step();
      assertThat(manager.getManagedArrays()).isNotEmpty();
      trainer.close();
      assertThat(manager.getManagedArrays()).isEmpty();
    }
  }

  @Test
  void evaluatingLeavesTheRunUnchanged() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(Presets.notebook(), manager)) {
      trainer.step();
      double[] before = trainer.params();
      trainer.evaluate(new double[] {5, 5, 5});
      assertThat(trainer.params()).containsExactly(before);
      assertThat(trainer.completedSteps()).isEqualTo(1);
    }
  }

  @Test
  void resetReturnsToTheStartAndReplaysTheSameTrajectory() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(Presets.notebook(), manager)) {
      double first = trainer.step().orElseThrow().loss();
      trainer.step();
      trainer.reset();
      assertThat(trainer.completedSteps()).isZero();
      assertThat(trainer.params()).containsExactly(1.1, 1.2, 1.3);
      assertThat(trainer.step().orElseThrow().loss()).isEqualTo(first);
    }
  }

  @Test
  void hugeLearningRateDivergesAndKeepsTheLastFiniteParameters() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(notebookWith(Loss.MSE, 1e6, false), manager)) {
      double[] lastFinite = trainer.params();
      int steps = 0;
      while (trainer.step().isPresent()) {
        lastFinite = trainer.params();
        steps++;
        assertThat(steps).isLessThan(1000);
      }
      assertThat(trainer.divergence()).isPresent();
      assertThat(trainer.params()).containsExactly(lastFinite);
      for (double p : trainer.params()) {
        assertThat(Double.isFinite(p)).isTrue();
      }
      assertThat(trainer.step()).isEmpty();
    }
  }

  @Test
  void setParamsClearsADivergence() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(notebookWith(Loss.MSE, 1e6, false), manager)) {
      while (trainer.step().isPresent()) {}
      trainer.setParams(new double[] {3, 4, 5});
      trainer.setLearningRate(0.01);
      assertThat(trainer.divergence()).isEmpty();
      assertThat(trainer.step()).isPresent();
    }
  }

  @Test
  void scheduleChangesTheRateStepByStep() {
    TrainingSpec n = Presets.notebook();
    TrainingSpec decaying =
        new TrainingSpec(
            n.data(),
            n.model(),
            Loss.MAE,
            OptimizerSpec.sgd(),
            0.1,
            new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 2, 0.5, 10, 0),
            false,
            n.init(),
            n.gradients());
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(decaying, manager)) {
      double[] rates = new double[5];
      for (int i = 0; i < 5; i++) {
        rates[i] = trainer.step().orElseThrow().learningRate();
      }
      assertThat(rates).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
    }
  }

  @Test
  void curveIsTheModelOnAHundredPointsSpanningTheData() {
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(Presets.notebook(), manager)) {
      double[][] curve = trainer.curve(new double[] {3, 4, 5});
      assertThat(curve[0]).hasSize(100);
      assertThat(curve[0][0]).isEqualTo(-2.1, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(curve[0][99]).isEqualTo(2.1, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(curve[1][99])
          .isEqualTo(3 * 2.1 * 2.1 + 4 * 2.1 + 5, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void validationNamesEveryBadField() {
    TrainingSpec n = Presets.notebook();
    TrainingSpec bad =
        new TrainingSpec(
            new DataSpec(n.data().target(), 0, 2, -2, -1, Double.NaN, -5),
            new ModelSpec(ModelSpec.Kind.RELU_SUM, 0),
            Loss.MAE,
            OptimizerSpec.sgd(),
            Double.POSITIVE_INFINITY,
            n.schedule(),
            true,
            new double[] {1, Double.NaN},
            n.gradients());
    assertThat(bad.validate(SpecLimits.defaults()))
        .extracting(FieldError::field)
        .contains(
            "data.n",
            "data.xMax",
            "data.noise.mult",
            "data.noise.add",
            "seed",
            "model.units",
            "lr",
            "init[1]");
    assertThat(n.validate(SpecLimits.defaults())).isEmpty();
  }
}
