package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The {@link Fit} any bound model has: its own {@link BoundModel#predict} and {@link
 * BoundModel#gradient}, parameters kept as [P]. Models with a cheaper closed form override {@link
 * BoundModel#fit}.
 */
final class GeneralFit implements Fit {
  private final BoundModel model;
  private final NDArray targets;
  private final double gradientScale;

  GeneralFit(BoundModel model, NDArray targets, double gradientScale) {
    this.model = model;
    this.targets = targets;
    this.gradientScale = gradientScale;
  }

  @Override
  public Shape parameterShape(int parameterCount) {
    return new Shape(parameterCount);
  }

  @Override
  public ResidualPass residuals(NDArray params) {
    // predict and gradient make temporaries of their own: a sub-manager holds them for the pass.
    NDManager owner = params.getManager();
    NDManager scope = owner.newSubManager();
    NDList borrowed = new NDList(params, targets);
    borrowed.addAll(model.precomputed());
    borrowed.tempAttach(scope);
    NDArray residuals = model.predict(params).subi(targets);
    return new ResidualPass() {
      @Override
      public NDArray residuals() {
        return residuals;
      }

      @Override
      public NDArray gradient(NDArray weights) {
        NDArray gradient = model.gradient(params, weights.muli(gradientScale));
        gradient.attach(owner);
        return gradient;
      }

      @Override
      public void close() {
        scope.close();
      }
    };
  }
}
