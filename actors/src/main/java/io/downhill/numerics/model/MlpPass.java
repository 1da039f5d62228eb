package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * One forward pass of an {@link Mlp} at parameters [P] (or a batch of them, [K, P]), keeping what
 * backpropagation needs: each layer's weights as a matrix, its input and, for a hidden layer, its
 * ReLU outputs. {@link #backward} then makes, from the last layer to the first, the products
 * autograd's backward of this pass makes: {@code ∂W = G·Aᵀ}, {@code ∂b = Σₙ G}, and for the layer
 * before {@code G ← (Wᵀ·G) ⊙ [A > 0]}, the ReLU passing gradient only where its unit is active. The
 * pass owns every array it makes and closes them when it is closed; it lives for one step.
 */
final class MlpPass implements AutoCloseable {
  private final List<Mlp.Layer> layers;
  private final Shape lead; // () for one parameter vector, (K) for a batch
  private final NDList temporaries = new NDList();
  private final NDArray[] weights; // [.., out, in]
  private final NDArray[] inputs; // [.., in, n]; the first layer's is x as [1, n]
  private NDArray output; // [.., n]

  private MlpPass(List<Mlp.Layer> layers, Shape lead) {
    this.layers = layers;
    this.lead = lead;
    this.weights = new NDArray[layers.size()];
    this.inputs = new NDArray[layers.size()];
  }

  /** The forward pass through every layer at {@code params}. */
  static MlpPass forward(List<Mlp.Layer> layers, NDArray row, NDArray params) {
    Shape shape = params.getShape();
    MlpPass pass = new MlpPass(layers, shape.slice(0, shape.dimension() - 1));
    pass.run(row, params);
    return pass;
  }

  private void run(NDArray row, NDArray params) {
    NDArray activations = row;
    for (int l = 0; l < layers.size(); l++) {
      Mlp.Layer layer = layers.get(l);
      NDArray weight =
          keep(
              keep(slice(params, layer.offset(), layer.in() * layer.out()))
                  .reshape(lead.addAll(new Shape(layer.out(), layer.in()))));
      NDArray bias =
          keep(
              keep(slice(params, layer.biasOffset(), layer.out()))
                  .reshape(lead.addAll(new Shape(layer.out(), 1))));
      weights[l] = weight;
      inputs[l] = activations;
      NDArray z = keep(keep(weight.matMul(activations)).add(bias)); // [.., out, n]
      if (layer.rectified()) {
        activations = keep(Activation.relu(z));
      } else {
        output = keep(z.reshape(lead.addAll(new Shape(-1))));
      }
    }
  }

  private static NDArray slice(NDArray params, int from, int length) {
    return params.get(new NDIndex("..., {}:{}", from, from + length));
  }

  private NDArray keep(NDArray array) {
    temporaries.add(array);
    return array;
  }

  private NDArray transposed(NDArray matrix) {
    int rank = matrix.getShape().dimension();
    return keep(matrix.swapAxes(rank - 2, rank - 1));
  }

  /** The predictions [.., n], owned by the pass. */
  NDArray output() {
    return output;
  }

  /** The predictions [.., n], handed to the caller, who then owns them. */
  NDArray takeOutput() {
    for (int i = 0; i < temporaries.size(); i++) {
      if (temporaries.get(i) == output) { // by identity: arrays compare by content
        temporaries.remove(i);
        break;
      }
    }
    return output;
  }

  /**
   * Σₙ gₙ·∂ŷₙ/∂params for per-point weights {@code g} [.., n]: a new array [.., P] in parameter
   * order that the caller owns. Overwrites the hidden layers' outputs, so it is called once.
   */
  NDArray backward(NDArray g) {
    NDList parts = new NDList(2 * layers.size());
    NDArray[] weightGradients = new NDArray[layers.size()];
    NDArray[] biasGradients = new NDArray[layers.size()];
    NDArray upstream = keep(g.reshape(lead.addAll(new Shape(1, -1)))); // [.., out, n]
    for (int l = layers.size() - 1; l >= 0; l--) {
      Mlp.Layer layer = layers.get(l);
      NDArray weightGradient = keep(upstream.matMul(transposed(inputs[l])));
      weightGradients[l] = keep(weightGradient.reshape(lead.addAll(new Shape(-1))));
      biasGradients[l] = keep(upstream.sum(new int[] {-1}));
      if (l > 0) {
        NDArray back = keep(transposed(weights[l]).matMul(upstream)); // [.., in, n]
        // The layer before is rectified: its outputs become, in place, their gradient mask.
        upstream = back.muli(inputs[l].signi());
      }
    }
    for (int l = 0; l < layers.size(); l++) {
      parts.add(weightGradients[l]);
      parts.add(biasGradients[l]);
    }
    return NDArrays.concat(parts, lead.dimension());
  }

  @Override
  public void close() {
    temporaries.close();
  }
}
