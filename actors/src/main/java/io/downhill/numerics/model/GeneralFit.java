package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

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
  public ResidualPass residuals(NDArray params) {
    // predict and gradient make temporaries of their own: a sub-manager holds them for the pass.
    NDManager owner = params.getManager();
    NDManager scope = owner.newSubManager();
    NDList borrowed = new NDList(params, targets);
    borrowed.addAll(model.precomputed());
    borrowed.tempAttach(scope);
    NDArray residuals = model.predict(params).subi(targets);
    return ResidualPass.of(
        residuals,
        weights -> {
          NDArray gradient = model.gradient(params, weights.muli(gradientScale));
          gradient.attach(owner);
          return gradient;
        },
        scope::close);
  }
}
