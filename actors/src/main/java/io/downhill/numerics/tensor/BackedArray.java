package io.downhill.numerics.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * A float64 array whose memory is a direct buffer this object holds, so Java reads and writes its
 * values without crossing into the engine. A read through DJL ({@code toDoubleArray}) costs four or
 * five native calls and a new buffer object, a write ({@code set(double[])}) a new direct buffer
 * and a new storage: per step, on a handful of values, that is more than the arithmetic. Here both
 * are plain memory accesses.
 *
 * <p>It relies on how DJL's PyTorch engine sets an array from a direct buffer: the tensor's storage
 * becomes that buffer's memory (DJL keeps a reference to it while the array lives), and in-place
 * ops write into that storage. So the array must change only in place (the {@code …i} ops) or
 * through {@link #write}: its own {@code set} would move it onto other memory, and this object
 * would no longer see it. The memory belongs to the Java buffer, so a read after the array is
 * closed reads the last values, never freed memory.
 */
public final class BackedArray {
  private final NDArray array;
  private final DoubleBuffer values;

  private BackedArray(NDArray array, ByteBuffer memory) {
    this.array = array;
    this.values = memory.asDoubleBuffer();
  }

  /** A new array of {@code shape} in {@code manager}, all zeros. */
  public static BackedArray zeros(NDManager manager, Shape shape) {
    ByteBuffer memory =
        ByteBuffer.allocateDirect(Math.toIntExact(shape.size() * Double.BYTES))
            .order(ByteOrder.nativeOrder());
    NDArray array = manager.zeros(shape, DataType.FLOAT64);
    array.set(memory);
    return new BackedArray(array, memory);
  }

  /** A new array of {@code shape} in {@code manager} holding {@code values} (row-major). */
  public static BackedArray of(NDManager manager, double[] values, Shape shape) {
    BackedArray backed = zeros(manager, shape);
    backed.write(values);
    return backed;
  }

  /** The array itself, for tensor ops; change it only in place. */
  public NDArray array() {
    return array;
  }

  /** The number of values. */
  public int size() {
    return values.capacity();
  }

  /** A copy of the values, row-major. */
  public double[] values() {
    double[] copy = new double[values.capacity()];
    values.get(0, copy);
    return copy;
  }

  /** The value at {@code index}, row-major. */
  public double get(int index) {
    return values.get(index);
  }

  /** Replaces every value; {@code replacement} must hold exactly {@link #size()} of them. */
  public void write(double[] replacement) {
    if (replacement.length != values.capacity()) {
      throw new IllegalArgumentException(
          "expected " + values.capacity() + " values, got " + replacement.length);
    }
    values.put(0, replacement);
  }

  /** Replaces the value at {@code index}, row-major. */
  public void write(int index, double value) {
    values.put(index, value);
  }
}
