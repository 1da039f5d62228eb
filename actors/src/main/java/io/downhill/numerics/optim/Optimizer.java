package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Updates parameters in place from a gradient. An optimizer with state (momentum, Adam's moments)
 * keeps its arrays in the manager it was made with; they live as long as that manager.
 */
public interface Optimizer {

  /**
   * Applies one update to {@code params} in place. Temporaries it makes are closed before it
   * returns. (A batch of parameter rows, each at its own rate, is {@code BatchOptimizer}'s job.)
   */
  void update(NDArray params, NDArray gradient, double learningRate);

  /** Forgets any state, as at the first step. */
  void reset();

  /** The state arrays, as plain values (none for a stateless optimizer). */
  default double[][] slots() {
    return new double[0][];
  }

  /** The updates made so far. */
  default long updates() {
    return 0;
  }

  /** Puts back state read with {@link #slots()} and {@link #updates()}. */
  default void restore(double[][] slots, long updates) {}

  /** Makes the optimizer {@code spec} describes for parameters of the given shape. */
  static Optimizer create(OptimizerSpec spec, NDManager manager, Shape parameterShape) {
    return switch (spec.kind()) {
      case SGD -> new Sgd(manager);
      case MOMENTUM -> new Momentum(spec.momentum(), manager, parameterShape);
      case ADAM -> new Adam(spec, manager, parameterShape);
    };
  }
}
