package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A sum of k rectified linear units, {@code Σᵢ max(mᵢ·x + bᵢ, 0)}, with parameters laid out as the
 * lesson passes them: m1, b1, m2, b2, …. Its gradient is closed-form: a unit contributes only where
 * it is active (mᵢ·x + bᵢ > 0), as torch's clip passes gradient.
 */
public final class ReluSum implements Model {
  private final int units;

  public ReluSum(int units) {
    if (units < 1) {
      throw new IllegalArgumentException("units must be at least 1: " + units);
    }
    this.units = units;
  }

  public int units() {
    return units;
  }

  @Override
  public int parameterCount() {
    return 2 * units;
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= units; i++) {
      names.add("m" + i);
      names.add("b" + i);
    }
    return names;
  }

  @Override
  public BoundModel bind(NDArray x) {
    // x as a column [n, 1] broadcasts against a row of units.
    return new Bound(x.reshape(new Shape(-1, 1)), units);
  }

  private record Bound(NDArray column, int units) implements BoundModel {

    /** Pre-activations [.., n, k] for params [.., 2k]. */
    private NDArray preActivations(NDArray params) {
      NDArray pairs = params.reshape(pairShape(params));
      NDArray slopes = pairs.get("..., 0").expandDims(-2);
      NDArray intercepts = pairs.get("..., 1").expandDims(-2);
      return column.mul(slopes).add(intercepts);
    }

    private Shape pairShape(NDArray params) {
      return params.getShape().dimension() == 1
          ? new Shape(units, 2)
          : new Shape(params.getShape().get(0), units, 2);
    }

    @Override
    public NDArray predict(NDArray params) {
      return preActivations(params).clip(0, Double.MAX_VALUE).sum(new int[] {-1});
    }

    @Override
    public NDArray gradient(NDArray params, NDArray predictionGradient) {
      NDArray active = preActivations(params).gt(0).toType(params.getDataType(), false);
      NDArray perPoint = active.mul(predictionGradient.expandDims(-1)); // [.., n, k]
      NDArray slopes = perPoint.mul(column).sum(new int[] {-2}); // [.., k]
      NDArray intercepts = perPoint.sum(new int[] {-2}); // [.., k]
      return slopes.stack(intercepts, -1).reshape(params.getShape());
    }

    @Override
    public NDList precomputed() {
      return new NDList(column);
    }

    /**
     * Parameters kept as [k, 2] rows (mᵢ, bᵢ), the order they are laid out in, so the
     * pre-activations of every unit at every point are one product with the inputs [x; 1].
     */
    @Override
    public Fit fit(NDArray targets, double gradientScale) {
      NDArray x = column.reshape(new Shape(-1));
      NDArray ones = x.onesLike();
      NDArray inputs = NDArrays.stack(new NDList(x, ones), 0);
      new NDList(x, ones).close();
      NDManager manager = targets.getManager();
      return new Fitted(
          units,
          inputs,
          inputs.transpose(),
          manager.ones(new Shape(units), inputs.getDataType()),
          manager.create(gradientScale),
          targets);
    }
  }

  /**
   * Each step is the forward pass below and, for the gradient, the products autograd's backward of
   * it computes, over the same views: the closed form and autograd agree to the bit.
   *
   * @param inputs the rows x and 1, [2, n]
   * @param inputsView a transposed view of inputs, [n, 2], made once
   * @param unitOnes ones, [k]: summing the units is a product with it
   * @param scale the loss's gradient scale c, a scalar array
   * @param targets [n]
   */
  private record Fitted(
      int units,
      NDArray inputs,
      NDArray inputsView,
      NDArray unitOnes,
      NDArray scale,
      NDArray targets)
      implements Fit {
    @Override
    public Shape parameterShape(int parameterCount) {
      return new Shape(units, 2);
    }

    @Override
    public ResidualPass residuals(NDArray params) {
      NDArray active; // the units' outputs max(z, 0), [k, n]
      try (NDArray preActivations = params.matMul(inputs)) {
        active = Activation.relu(preActivations);
      }
      NDArray residuals = unitOnes.matMul(active).subi(targets);
      return ResidualPass.of(
          residuals,
          weights -> {
            // The predictions are made, so the outputs become, in place, their gradient mask
            // (sign of max(z, 0): 1 where z > 0, else 0) times each point's scaled weight.
            active.signi().muli(weights.muli(scale));
            return active.matMul(inputsView);
          },
          () -> {
            active.close();
            residuals.close();
          });
    }
  }
}
