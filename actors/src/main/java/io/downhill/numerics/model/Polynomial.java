package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * A polynomial of degree d, {@code p₀·x^d + … + p_{d-1}·x + p_d}: highest power first, so the
 * quadratic's parameters read a, b, c as in the lesson. Linear in its parameters, so predictions
 * are one matrix product with the precomputed powers of x and the gradient is one more.
 */
public final class Polynomial implements Model {
  private final int degree;

  public Polynomial(int degree) {
    if (degree < 0) {
      throw new IllegalArgumentException("degree must be at least 0: " + degree);
    }
    this.degree = degree;
  }

  /** The lesson's a·x² + b·x + c. */
  public static Polynomial quadratic() {
    return new Polynomial(2);
  }

  public int degree() {
    return degree;
  }

  @Override
  public int parameterCount() {
    return degree + 1;
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    if (degree == 2) {
      return List.of("a", "b", "c");
    }
    for (int power = degree; power >= 0; power--) {
      names.add("p" + (degree - power));
    }
    return names;
  }

  @Override
  public BoundModel bind(NDArray x) {
    NDList powers = new NDList();
    for (int power = degree; power >= 0; power--) {
      powers.add(power == 0 ? x.onesLike() : power == 1 ? x.duplicate() : x.pow(power));
    }
    // features: [n, P]; its transpose is kept too so that neither product transposes per step.
    NDArray features = NDArrays.stack(powers, 1);
    NDArray featuresTransposed = features.transpose().duplicate();
    powers.close();
    return new Bound(features, featuresTransposed);
  }

  private record Bound(NDArray features, NDArray featuresTransposed) implements BoundModel {
    @Override
    public NDArray predict(NDArray params) {
      return params.matMul(featuresTransposed);
    }

    @Override
    public NDArray gradient(NDArray params, NDArray predictionGradient) {
      return predictionGradient.matMul(features);
    }

    @Override
    public NDList precomputed() {
      return new NDList(features, featuresTransposed);
    }

    /**
     * Residuals are one matrix-vector product and an in-place subtraction; the gradient is one more
     * product, through a transposed view of the same features.
     */
    @Override
    public Fit fit(NDArray targets, double gradientScale) {
      return new Fitted(
          features, features.transpose(), targets.getManager().create(gradientScale), targets);
    }
  }

  /**
   * The gradient is the product autograd's backward of {@code features·p} computes, {@code
   * featuresᵀ·(c·w)}, over the same view: the closed form and autograd agree to the bit.
   *
   * @param features [n, P]
   * @param featuresView a transposed view of features, [P, n], made once
   * @param scale the loss's gradient scale c, a scalar array
   * @param targets [n]
   */
  private record Fitted(NDArray features, NDArray featuresView, NDArray scale, NDArray targets)
      implements Fit {
    @Override
    public ResidualPass residuals(NDArray params) {
      // [n, P]·[P]: PyTorch runs a matrix-vector product as one kernel, [P]·[P, n] as three.
      NDArray residuals = features.matMul(params).subi(targets);
      return ResidualPass.of(
          residuals, weights -> featuresView.matMul(weights.muli(scale)), residuals::close);
    }
  }
}
