package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The notebook preset reproduces the lesson's printed outputs. Each number is checked twice: at the
 * precision the lesson prints it, and against the full-precision value PyTorch 1.13 gives for the
 * lesson's own code (float32 parameters, so agreement is to about 1e-6).
 */
class NotebookFidelityTest {
  private static final double TORCH_AGREEMENT = 2e-6;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Trainer notebook(GradientMethod method) {
    TrainingSpec base = Presets.notebook();
    return new Trainer(
        new TrainingSpec(
            base.data(),
            base.model(),
            base.loss(),
            base.optimizer(),
            base.learningRate(),
            base.schedule(),
            base.accumulateGradients(),
            base.init(),
            method),
        manager);
  }

  private static double rounded(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  @ParameterizedTest
  @EnumSource(GradientMethod.class)
  void maeOfHandSetParametersIsTheLessons(GradientMethod method) {
    try (Trainer trainer = notebook(method)) {
      double mae = trainer.evaluate(new double[] {1.1, 1.1, 1.1});
      assertThat(rounded(mae, 4)).isEqualTo(4.6392);
      // The lesson evaluates these in float32; this run is float64 throughout.
      assertThat(mae).isCloseTo(4.639238522584801, within(TORCH_AGREEMENT));
    }
  }

  @ParameterizedTest
  @EnumSource(GradientMethod.class)
  void firstLossAndGradientAreTheLessons(GradientMethod method) {
    try (Trainer trainer = notebook(method)) {
      StepRecord first = trainer.step().orElseThrow();
      assertThat(rounded(first.loss(), 4)).isEqualTo(4.4666);
      assertThat(first.loss()).isCloseTo(4.466606987650757, within(TORCH_AGREEMENT));
      double[] printed = {-1.4194, 0.0737, -0.9000};
      double[] torch = {-1.4193904399871826, 0.0736842155456543, -0.9000000953674316};
      for (int i = 0; i < 3; i++) {
        assertThat(rounded(first.gradient()[i], 4)).isEqualTo(printed[i]);
        assertThat(first.gradient()[i]).isCloseTo(torch[i], within(TORCH_AGREEMENT));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(GradientMethod.class)
  void everyStepOfTheLessonsLoopMatches(GradientMethod method) {
    try (Trainer trainer = notebook(method)) {
      List<StepRecord> steps = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        steps.add(trainer.step().orElseThrow());
      }
      // The single step prints "loss = 4.438" after its update; that is step 2's loss. The loop
      // then prints step=0..7, the losses of steps 2..9, never zeroing the gradient.
      assertThat(rounded(steps.get(1).loss(), 3)).isEqualTo(4.438);
      double[] printedLoop = {4.44, 4.38, 4.30, 4.18, 4.04, 3.87, 3.67, 3.45};
      double[] torchLoop = {
        4.438306076462632, 4.381704188521271, 4.296801311905747, 4.1835974346951295,
        4.042092616494065, 3.8722865413979344, 3.674179602797394, 3.4477717589691927
      };
      for (int i = 0; i < 8; i++) {
        StepRecord step = steps.get(i + 1);
        assertThat(step.step()).isEqualTo(i + 2);
        assertThat(rounded(step.loss(), 2)).isEqualTo(printedLoop[i]);
        assertThat(step.loss()).isCloseTo(torchLoop[i], within(TORCH_AGREEMENT));
      }
      // abc after the loop: tensor([1.7387, 1.1668, 1.7050])
      double[] printedAbc = {1.7387, 1.1668, 1.7050};
      double[] torchAbc = {1.7387256622314453, 1.1668422222137451, 1.7049998044967651};
      for (int i = 0; i < 3; i++) {
        assertThat(rounded(trainer.params()[i], 4)).isEqualTo(printedAbc[i]);
        assertThat(trainer.params()[i]).isCloseTo(torchAbc[i], within(TORCH_AGREEMENT));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(GradientMethod.class)
  void withoutAccumulationTheGradientIsTheFreshOne(GradientMethod method) {
    try (Trainer trainer = notebook(method)) {
      trainer.setAccumulateGradients(false);
      trainer.step().orElseThrow();
      StepRecord second = trainer.step().orElseThrow();
      double fresh = trainer.evaluate(trainer.params());
      assertThat(second.loss()).isCloseTo(4.438306076462632, within(TORCH_AGREEMENT));
      // Accumulated, step 2 would use g1 + g2 ≈ 2·g1; fresh, it is about g1 alone.
      assertThat(second.gradient()[0]).isCloseTo(-1.4194, within(0.05));
      assertThat(fresh).isLessThan(second.loss());
    }
  }
}
