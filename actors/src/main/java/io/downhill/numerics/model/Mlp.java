package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A small neural network for one input: one to three hidden layers of ReLU units and a linear
 * output unit, {@code ŷ = W₃·relu(W₂·relu(W₁·x + b₁) + b₂) + b₃} for two hidden layers.
 *
 * <p>The parameters are laid out layer by layer, input side first and the output layer last; each
 * layer gives its weight matrix row by row (the weights into its first unit, one per unit of the
 * layer before, then those into its second unit, …) and then its biases, one per unit. Named {@code
 * w1[j][i]} (into unit j of layer 1 from unit i of the layer before; the input x is unit 1 of layer
 * 0) and {@code b1[j]}, counting from 1; the output layer is number L + 1.
 *
 * <p>The gradient is closed-form backpropagation in DJL ops (see {@link MlpPass}): the products
 * autograd's backward of the same forward pass computes.
 */
public final class Mlp implements Model {
  /** The most hidden layers. */
  public static final int MAX_LAYERS = 3;

  /**
   * The most parameters a network may have: a full parameter vector (a spec's {@code init}, a
   * client's new parameters) must fit one request.
   */
  public static final int MAX_PARAMETERS = 1024;

  private final List<Layer> layers;
  private final int parameterCount;

  public Mlp(List<Integer> hidden) {
    if (hidden.isEmpty() || hidden.size() > MAX_LAYERS) {
      throw new IllegalArgumentException("1 to " + MAX_LAYERS + " hidden layers: " + hidden);
    }
    List<Layer> built = new ArrayList<>();
    int in = 1;
    int offset = 0;
    for (int i = 0; i <= hidden.size(); i++) {
      int out = i < hidden.size() ? hidden.get(i) : 1;
      if (out < 1) {
        throw new IllegalArgumentException("layer widths must be at least 1: " + hidden);
      }
      Layer layer = new Layer(in, out, offset, i < hidden.size());
      built.add(layer);
      offset = layer.end();
      in = out;
    }
    this.layers = List.copyOf(built);
    this.parameterCount = offset;
  }

  /**
   * The number of parameters of a network with these hidden widths, without building it; saturates
   * at {@link Integer#MAX_VALUE} for absurd widths, so a validator can refuse them.
   */
  public static int parameterCount(List<Integer> hidden) {
    long count = 0;
    long in = 1;
    for (int i = 0; i <= hidden.size(); i++) {
      long out = i < hidden.size() ? Math.max(0, hidden.get(i)) : 1;
      count += out * in + out;
      in = out;
    }
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  /** The layers, input side first, the output layer last. */
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public int parameterCount() {
    return parameterCount;
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>(parameterCount);
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = layers.get(l);
      for (int j = 1; j <= layer.out(); j++) {
        for (int i = 1; i <= layer.in(); i++) {
          names.add("w" + (l + 1) + "[" + j + "][" + i + "]");
        }
      }
      for (int j = 1; j <= layer.out(); j++) {
        names.add("b" + (l + 1) + "[" + j + "]");
      }
    }
    return names;
  }

  @Override
  public BoundModel bind(NDArray x) {
    // x as a row [1, n]: the first layer's [out, 1] weights times it give every unit at every
    // point.
    return new Bound(layers, x.reshape(new Shape(1, -1)));
  }

  /**
   * One layer's place in the parameter vector.
   *
   * @param in the units of the layer before (1 for the input)
   * @param out this layer's units
   * @param offset where its weights start; its biases follow them
   * @param rectified whether its units are ReLUs (the hidden layers) or linear (the output)
   */
  public record Layer(int in, int out, int offset, boolean rectified) {
    int biasOffset() {
      return offset + in * out;
    }

    int end() {
      return biasOffset() + out;
    }
  }

  private record Bound(List<Layer> layers, NDArray row) implements BoundModel {
    @Override
    public NDArray predict(NDArray params) {
      try (MlpPass pass = MlpPass.forward(layers, row, params)) {
        return pass.takeOutput();
      }
    }

    @Override
    public NDArray gradient(NDArray params, NDArray predictionGradient) {
      try (MlpPass pass = MlpPass.forward(layers, row, params)) {
        return pass.backward(predictionGradient);
      }
    }

    @Override
    public NDList precomputed() {
      return new NDList(row);
    }

    /** One forward pass per step, whose activations the gradient then reuses. */
    @Override
    public Fit fit(NDArray targets, double gradientScale) {
      return new Fitted(layers, row, targets.getManager().create(gradientScale), targets);
    }
  }

  /**
   * @param row the inputs x as [1, n]
   * @param scale the loss's gradient scale c, a scalar array
   * @param targets [n]
   */
  private record Fitted(List<Layer> layers, NDArray row, NDArray scale, NDArray targets)
      implements Fit {
    @Override
    public ResidualPass residuals(NDArray params) {
      MlpPass pass = MlpPass.forward(layers, row, params);
      NDArray residuals = pass.output().sub(targets);
      return ResidualPass.of(
          residuals,
          weights -> pass.backward(weights.muli(scale)),
          () -> {
            residuals.close();
            pass.close();
          });
    }
  }
}
