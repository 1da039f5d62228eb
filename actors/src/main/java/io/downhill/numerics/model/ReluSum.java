package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
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
  }
}
