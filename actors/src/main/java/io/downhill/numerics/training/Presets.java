package io.downhill.numerics.training;

import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.data.TargetFunction;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Named starting points for a spec; a client may override any field of one. */
public final class Presets {
  private Presets() {}

  /**
   * The lesson's setup: the quadratic 3x² + 4x + 5, 20 points on [−2, 2], noise 0.4 and 1.5, seed
   * 42, MAE, start [1.1, 1.2, 1.3], SGD at 0.01 with the lesson's gradient accumulation.
   */
  public static TrainingSpec notebook() {
    return new TrainingSpec(
        new DataSpec(TargetFunction.quadratic(3, 4, 5), 20, -2, 2, 0.4, 1.5, 42),
        ModelSpec.quadratic(),
        Loss.MAE,
        OptimizerSpec.sgd(),
        0.01,
        LearningRateSchedule.constant(),
        true,
        new double[] {1.1, 1.2, 1.3},
        GradientMethod.ANALYTIC);
  }

  /** The lesson's data fitted by a sum of two ReLUs, starting where its double_relu sliders do. */
  public static TrainingSpec relu() {
    TrainingSpec base = notebook();
    return new TrainingSpec(
        base.data(),
        new ModelSpec(ModelSpec.Kind.RELU_SUM, 2),
        Loss.MAE,
        OptimizerSpec.sgd(),
        0.01,
        LearningRateSchedule.constant(),
        false,
        new double[] {-1.5, -2.0, 1.5, 1.7},
        GradientMethod.ANALYTIC);
  }

  /** Every preset by name. */
  public static Map<String, TrainingSpec> all() {
    Map<String, TrainingSpec> presets = new TreeMap<>();
    presets.put("notebook", notebook());
    presets.put("relu", relu());
    return presets;
  }

  public static Optional<TrainingSpec> named(String name) {
    return Optional.ofNullable(all().get(name));
  }
}
