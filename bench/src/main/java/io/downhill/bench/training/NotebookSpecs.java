package io.downhill.bench.training;

import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.TrainingSpec;

/** The lesson's notebook preset with the gradient method a benchmark asks for. */
public final class NotebookSpecs {
  private NotebookSpecs() {}

  /**
   * {@link Presets#notebook()}, gradient accumulation included, computing gradients by {@code
   * method}.
   */
  public static TrainingSpec notebook(GradientMethod method) {
    TrainingSpec n = Presets.notebook();
    return new TrainingSpec(
        n.data(),
        n.model(),
        n.loss(),
        n.optimizer(),
        n.learningRate(),
        n.schedule(),
        n.accumulateGradients(),
        n.init(),
        method);
  }
}
