package io.downhill.numerics.model;

import io.downhill.numerics.data.DataSpec;

/**
 * Starting parameters for a model when a spec names none. Deterministic, so a spec without {@code
 * init} still gives one trajectory.
 */
public final class DefaultInit {
  private DefaultInit() {}

  /**
   * Polynomials start at zero. ReLUs alternate between rising and falling units whose kinks are
   * spread evenly over the data, so every unit is active on part of it and receives gradient. A
   * network's weights are drawn as {@link NetworkInit} says, seeded by the spec's seed.
   */
  public static double[] forModel(ModelSpec model, DataSpec data) {
    if (model.kind() == ModelSpec.Kind.MLP) {
      return NetworkInit.draw(new Mlp(model.hidden()), data);
    }
    double[] init = new double[model.parameterCount()];
    if (model.kind() == ModelSpec.Kind.RELU_SUM) {
      int units = model.size();
      double span = data.xMax() - data.xMin();
      for (int i = 0; i < units; i++) {
        double kink = data.xMin() + (i + 0.5) / units * span;
        double slope = i % 2 == 0 ? 1.0 : -1.0;
        init[2 * i] = slope;
        init[2 * i + 1] = -slope * kink;
      }
    }
    return init;
  }
}
