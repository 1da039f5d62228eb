package io.downhill.numerics.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BatchTrainerTest {

  private static TrainingSpec with(
      TrainingSpec base,
      Loss loss,
      OptimizerSpec.Kind optimizer,
      double lr,
      LearningRateSchedule schedule,
      boolean accumulate) {
    return new TrainingSpec(
        base.data(),
        base.model(),
        loss,
        base.optimizer().withKind(optimizer),
        lr,
        schedule,
        accumulate,
        base.init(),
        base.gradients());
  }

  /** The notebook's data fitted by {@code model}, from its default start. */
  private static TrainingSpec fitting(ModelSpec model) {
    TrainingSpec base = Presets.notebook();
    return new TrainingSpec(
        base.data(),
        model,
        base.loss(),
        base.optimizer(),
        base.learningRate(),
        base.schedule(),
        false,
        DefaultInit.forModel(model, base.data()),
        base.gradients());
  }

  private static TrainingSpec cubic() {
    return fitting(new ModelSpec(ModelSpec.Kind.POLYNOMIAL, 3));
  }

  private static TrainingSpec threeRelus() {
    return fitting(new ModelSpec(ModelSpec.Kind.RELU_SUM, 3));
  }

  static Stream<Arguments> shapes() {
    LearningRateSchedule cosine =
        new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 10, 0.5, 40, 0.1);
    return Stream.of(
        Arguments.of(
            Presets.notebook(),
            Loss.MAE,
            OptimizerSpec.Kind.SGD,
            true,
            LearningRateSchedule.constant()),
        Arguments.of(Presets.notebook(), Loss.MSE, OptimizerSpec.Kind.MOMENTUM, false, cosine),
        Arguments.of(
            Presets.relu(),
            Loss.MAE,
            OptimizerSpec.Kind.ADAM,
            false,
            LearningRateSchedule.constant()),
        Arguments.of(Presets.relu(), Loss.MSE, OptimizerSpec.Kind.MOMENTUM, true, cosine),
        Arguments.of(Presets.relu(), Loss.MAE, OptimizerSpec.Kind.SGD, false, cosine),
        Arguments.of(
            Presets.notebook(),
            Loss.MSE,
            OptimizerSpec.Kind.ADAM,
            true,
            LearningRateSchedule.constant()),
        Arguments.of(cubic(), Loss.MAE, OptimizerSpec.Kind.MOMENTUM, false, cosine),
        Arguments.of(threeRelus(), Loss.MSE, OptimizerSpec.Kind.ADAM, false, cosine));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void eachVariantFollowsTheTrajectoryItHasAsASingleSession(
      TrainingSpec base,
      Loss loss,
      OptimizerSpec.Kind optimizer,
      boolean accumulate,
      LearningRateSchedule schedule) {
    double[] rates = {0.0005, 0.002, 0.01, 0.03};
    List<TrainingSpec> variants =
        Stream.of(0, 1, 2, 3)
            .map(k -> with(base, loss, optimizer, rates[k], schedule, accumulate))
            .toList();
    try (NDManager manager = NDManager.newBaseManager();
        BatchTrainer batch = new BatchTrainer(variants, Double.NaN, manager)) {
      Trainer[] singles =
          variants.stream().map(v -> new Trainer(v, manager)).toArray(Trainer[]::new);
      for (int step = 1; step <= 60; step++) {
        BatchStep together = batch.step();
        assertThat(together.step()).isEqualTo(step);
        for (int k = 0; k < variants.size(); k++) {
          StepRecord alone = singles[k].step().orElseThrow();
          assertThat(together.losses()[k])
              .isCloseTo(alone.loss(), within(1e-11 * (1 + Math.abs(alone.loss()))));
          assertThat(together.rates()[k]).isEqualTo(alone.learningRate());
        }
      }
      double[][] params = batch.params();
      for (int k = 0; k < variants.size(); k++) {
        double[] expected = singles[k].params();
        for (int i = 0; i < expected.length; i++) {
          assertThat(params[k][i])
              .isCloseTo(expected[i], within(1e-11 * (1 + Math.abs(expected[i]))));
        }
        singles[k].close();
      }
    }
  }

  @Test
  void divergedVariantStopsWithFiniteParametersWhileTheOthersGoOn() {
    TrainingSpec base = Presets.notebook();
    List<TrainingSpec> variants =
        List.of(
            with(
                base,
                Loss.MSE,
                OptimizerSpec.Kind.SGD,
                0.01,
                LearningRateSchedule.constant(),
                false),
            with(
                base,
                Loss.MSE,
                OptimizerSpec.Kind.SGD,
                1e5,
                LearningRateSchedule.constant(),
                false),
            with(
                base,
                Loss.MSE,
                OptimizerSpec.Kind.SGD,
                0.02,
                LearningRateSchedule.constant(),
                false));
    try (NDManager manager = NDManager.newBaseManager();
        BatchTrainer batch = new BatchTrainer(variants, Double.NaN, manager);
        Trainer reference = new Trainer(variants.get(0), manager)) {
      for (int step = 0; step < 300; step++) {
        BatchStep result = batch.step();
        for (double l : result.losses()) {
          assertThat(Double.isNaN(l) || Double.isFinite(l)).isTrue();
        }
        assertThat(result.losses()[0])
            .isCloseTo(reference.step().orElseThrow().loss(), within(1e-8));
      }
      assertThat(batch.outcome(1)).isEqualTo(VariantOutcome.DIVERGED);
      assertThat(batch.outcome(0)).isEqualTo(VariantOutcome.ACTIVE);
      assertThat(batch.outcome(2)).isEqualTo(VariantOutcome.ACTIVE);
      for (double p : batch.params()[1]) {
        assertThat(Double.isFinite(p)).isTrue();
      }
      assertThat(batch.stepsTaken(1)).isLessThan(300);
      assertThat(batch.stepsTaken(0)).isEqualTo(300);
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerSpec.Kind.class)
  void divergedVariantKeepsFiniteParametersAndLeavesTheOthersExactWhateverTheOptimizer(
      OptimizerSpec.Kind optimizer) {
    TrainingSpec base = Presets.notebook();
    LearningRateSchedule constant = LearningRateSchedule.constant();
    List<TrainingSpec> variants =
        List.of(
            with(base, Loss.MSE, optimizer, 0.01, constant, false),
            with(base, Loss.MSE, optimizer, 1e300, constant, false),
            with(base, Loss.MSE, optimizer, 0.02, constant, false));
    try (NDManager manager = NDManager.newBaseManager();
        BatchTrainer batch = new BatchTrainer(variants, Double.NaN, manager);
        Trainer first = new Trainer(variants.get(0), manager);
        Trainer third = new Trainer(variants.get(2), manager)) {
      for (int step = 0; step < 100; step++) {
        BatchStep result = batch.step();
        double expectedFirst = first.step().orElseThrow().loss();
        double expectedThird = third.step().orElseThrow().loss();
        assertThat(result.losses()[0])
            .isCloseTo(expectedFirst, within(1e-11 * (1 + Math.abs(expectedFirst))));
        assertThat(result.losses()[2])
            .isCloseTo(expectedThird, within(1e-11 * (1 + Math.abs(expectedThird))));
      }
      assertThat(batch.outcome(1)).isEqualTo(VariantOutcome.DIVERGED);
      for (double p : batch.params()[1]) {
        assertThat(p).isFinite();
      }
      assertThat(batch.lastLoss(1)).isFinite();
    }
  }

  @Test
  void variantStopsOnceItsLossFallsBelowTheTarget() {
    TrainingSpec base = Presets.notebook();
    List<TrainingSpec> variants =
        List.of(
            with(
                base,
                Loss.MAE,
                OptimizerSpec.Kind.SGD,
                0.001,
                LearningRateSchedule.constant(),
                false),
            with(
                base,
                Loss.MAE,
                OptimizerSpec.Kind.SGD,
                0.05,
                LearningRateSchedule.constant(),
                false));
    try (NDManager manager = NDManager.newBaseManager();
        BatchTrainer batch = new BatchTrainer(variants, 3.0, manager)) {
      for (int step = 0; step < 400 && batch.anyActive(); step++) {
        batch.step();
      }
      assertThat(batch.outcome(1)).isEqualTo(VariantOutcome.REACHED_TARGET);
      assertThat(batch.reachedAt(1)).isPositive();
      assertThat(batch.lastLoss(1)).isLessThan(3.0);
      assertThat(batch.stepsTaken(1)).isEqualTo(batch.reachedAt(1) - 1);
    }
  }

  @Test
  void variantsOfDifferentShapesAreRefused() {
    TrainingSpec base = Presets.notebook();
    TrainingSpec other =
        new TrainingSpec(
            base.data(),
            new ModelSpec(ModelSpec.Kind.POLYNOMIAL, 3),
            base.loss(),
            base.optimizer(),
            0.01,
            base.schedule(),
            true,
            new double[4],
            base.gradients());
    try (NDManager manager = NDManager.newBaseManager()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new BatchTrainer(List.of(base, other), Double.NaN, manager))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
