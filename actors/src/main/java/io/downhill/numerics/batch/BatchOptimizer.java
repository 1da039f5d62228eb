package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.optim.OptimizerSpec;

/**
 * {@link io.downhill.numerics.optim.Optimizer} for a batch in columns, fed the loss's gradient
 * divided by the loss's {@link BatchLoss#gradientScale} and applying the same update as the single
 * optimizer applies to the whole gradient. Its state arrays live in the batch's manager.
 */
interface BatchOptimizer {
  NDIndex ALL = new NDIndex(":");

  /**
   * Updates {@code params} [P, K] in place. {@code gradient} is scratch the update may overwrite;
   * {@code rates} [1, K] holds each column's rate times {@link #rateScale}, 0 for a column that
   * does not move.
   */
  void update(NDArray params, NDArray gradient, NDArray rates);

  /**
   * What the rates are multiplied by before they reach {@link #update}: the gradient scale for an
   * update linear in the gradient, which so costs no op of its own.
   */
  double rateScale();

  /** Forgets all state, as at the first step. */
  void reset();

  /**
   * Zeroes the state of the columns where {@code columns} [P, K] is true: a diverged column's state
   * may be non-finite, and a zero rate times it would still be NaN.
   */
  void forget(NDArray columns);

  /** Makes the optimizer {@code spec} describes for parameters of {@code shape} [P, K]. */
  static BatchOptimizer create(
      OptimizerSpec spec, double gradientScale, NDManager manager, Shape shape) {
    return switch (spec.kind()) {
      case SGD -> new BatchSgd(gradientScale);
      case MOMENTUM -> new BatchMomentum(spec.momentum(), gradientScale, manager, shape);
      case ADAM -> new BatchAdam(spec, gradientScale, manager, shape);
    };
  }

  /** Zeroes {@code state}'s columns where {@code columns}, of its shape, is true. */
  static void zeroColumns(NDArray state, NDArray columns) {
    state.set(ALL, NDArrays.where(columns, state.zerosLike(), state));
  }
}
