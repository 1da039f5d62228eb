package io.downhill.numerics.optim;

/**
 * Updates a parameter vector in place from its gradient, in plain Java arithmetic.
 *
 * <p>Why not tensor ops: a session's parameters are a handful of values (at most {@code
 * Mlp.MAX_PARAMETERS}), and each engine call costs about a microsecond whatever its size, while the
 * update is a few flops per parameter. Adam as tensor ops was twelve calls, more than the rest of a
 * closed-form step; here it is one loop. Each update runs the same IEEE operations, in the same
 * order, as the engine ops it replaces (Java never fuses a multiply and an add), so trajectories
 * are the same bit for bit — a journaled run replays to the same values. The sweep, which steps
 * thousands of parameter rows at once, keeps its updates as tensor ops ({@code BatchOptimizer}).
 */
public interface Optimizer {

  /** Applies one update to {@code params} in place, at {@code learningRate}. */
  void update(double[] params, double[] gradient, double learningRate);

  /** Forgets any state, as at the first step. */
  void reset();

  /** The state vectors, copied (none for a stateless optimizer). */
  default double[][] slots() {
    return new double[0][];
  }

  /** The updates made so far. */
  default long updates() {
    return 0;
  }

  /** Puts back state read with {@link #slots()} and {@link #updates()}. */
  default void restore(double[][] slots, long updates) {}

  /** Makes the optimizer {@code spec} describes for {@code parameterCount} parameters. */
  static Optimizer create(OptimizerSpec spec, int parameterCount) {
    return switch (spec.kind()) {
      case SGD -> new Sgd();
      case MOMENTUM -> new Momentum(spec.momentum(), parameterCount);
      case ADAM -> new Adam(spec, parameterCount);
    };
  }
}
