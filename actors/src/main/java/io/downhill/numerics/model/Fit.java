package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A bound model tied to its targets and to a loss's gradient scale, for a trainer that steps one
 * parameter vector: the residuals at the parameters and the gradient from them, in as few tensor
 * ops as the model allows. Made once per trainer by {@link BoundModel#fit}; the arrays it
 * precomputes live in the inputs' manager, as long as the trainer.
 */
public interface Fit {

  /**
   * The shape in which the trainer keeps the parameters, and in which {@link ResidualPass#gradient}
   * answers: [P], or a layout the model reads without reshaping. Its row-major order is always the
   * model's parameter order, so the values read back are the same. [P] unless a model says
   * otherwise.
   */
  default Shape parameterShape(int parameterCount) {
    return new Shape(parameterCount);
  }

  /** One forward pass at {@code params} (of {@link #parameterShape}); the caller closes it. */
  ResidualPass residuals(NDArray params);
}
