package io.downhill.numerics.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float64 scalar array an optimizer multiplies by, kept for as long as the optimizer. DJL turns
 * every {@code mul(double)} into a new scalar array made from a new direct buffer, which costs more
 * than the product itself; this one is rewritten only when its value changes, from one buffer, so a
 * constant rate or factor costs nothing per step. Its value is always exactly the double last asked
 * for, so results do not depend on what came before.
 */
final class Coefficient {
  private final NDArray array;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(Double.BYTES).order(ByteOrder.nativeOrder());
  private long bits;

  Coefficient(NDManager manager, double value) {
    this.array = manager.zeros(new Shape(), DataType.FLOAT64);
    write(value);
  }

  /** The array, holding {@code value}. */
  NDArray of(double value) {
    if (Double.doubleToRawLongBits(value) != bits) {
      write(value);
    }
    return array;
  }

  private void write(double value) {
    buffer.putDouble(0, value);
    array.set(buffer);
    bits = Double.doubleToRawLongBits(value);
  }
}
