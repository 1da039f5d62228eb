package io.downhill.numerics.model;

import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.data.NumpyRandom;

/**
 * A network's default starting weights: He initialisation, drawn from numpy's generator seeded by
 * the spec's seed, so the same spec always starts at the same point.
 *
 * <ul>
 *   <li>Every weight into a ReLU layer is N(0, 2 / fan-in), fan-in being the width of the layer
 *       before (1 for the input), layer by layer in parameter order.
 *   <li>A first-layer unit's bias puts its kink (where w·x + b = 0) at a point drawn uniformly on
 *       [xMin, xMax], after all the weights, so each unit is active on part of the data, as the
 *       ReLU sum's kinks are spread over it.
 *   <li>The other hidden biases start at 0; the output's weights are N(0, 1 / fan-in), its bias 0.
 * </ul>
 */
final class NetworkInit {
  private NetworkInit() {}

  static double[] draw(Mlp network, DataSpec data) {
    double[] init = new double[network.parameterCount()];
    NumpyRandom random = new NumpyRandom(data.seed());
    for (Mlp.Layer layer : network.layers()) {
      double variance = (layer.rectified() ? 2.0 : 1.0) / layer.in();
      double[] drawn = random.normal(Math.sqrt(variance), layer.in() * layer.out());
      System.arraycopy(drawn, 0, init, layer.offset(), drawn.length);
    }
    Mlp.Layer first = network.layers().get(0);
    for (int j = 0; j < first.out(); j++) {
      double kink = data.xMin() + random.nextDouble() * (data.xMax() - data.xMin());
      init[first.biasOffset() + j] = -init[first.offset() + j] * kink;
    }
    return init;
  }
}
