package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.tensor.BackedArray;

/**
 * A float64 scalar array an optimizer multiplies by, kept for as long as the optimizer. DJL turns
 * every {@code mul(double)} into a new scalar array made from a new direct buffer, which costs more
 * than the product itself; this one lives in memory Java writes directly ({@link BackedArray}), so
 * a new value (a scheduled rate, Adam's bias corrections) costs a memory store, not an engine call.
 * Its value is always exactly the double last asked for, so results do not depend on what came
 * before.
 */
final class Coefficient {
  private final BackedArray scalar;

  Coefficient(NDManager manager, double value) {
    this.scalar = BackedArray.of(manager, new double[] {value}, new Shape());
  }

  /** The array, holding {@code value}. */
  NDArray of(double value) {
    scalar.write(0, value);
    return scalar.array();
  }
}
