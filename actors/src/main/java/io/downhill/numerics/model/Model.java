package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;

/**
 * A model family with a fixed number of parameters. A model is stateless: its parameters are an
 * array owned by whoever trains it, and it is bound to a fixed set of inputs to predict.
 */
public interface Model {

  /** How many numbers the parameter vector holds. */
  int parameterCount();

  /** The parameter names in order, as a client labels them (a, b, c; m1, b1, …). */
  java.util.List<String> parameterNames();

  /**
   * Binds the model to fixed inputs {@code x} of shape [n]. Arrays the binding precomputes are
   * attached to {@code x}'s manager and live as long as it does.
   */
  BoundModel bind(NDArray x);
}
