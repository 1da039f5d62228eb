package io.downhill.numerics.tensor;

import ai.djl.Device;
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
 * <p>It relies on how DJL's PyTorch engine sets an array on the CPU from a direct buffer: the
 * tensor's storage becomes that buffer's memory (DJL keeps a reference to it while the array
 * lives), and in-place ops write into that storage. So the array must change only in place (the
 * {@code …i} ops) or through {@link #write}: its own {@code set} would move it onto other memory,
 * and this object would no longer see it. The memory belongs to the Java buffer, so a read after
 * the array is closed reads the last values, never freed memory. On another device (a GPU) the
 * engine copies instead of sharing, so there every read and write goes through DJL as usual.
 */
public final class BackedArray {
  private final NDArray array;
  private final DoubleBuffer values; // null when the array does not share the buffer's memory

  private BackedArray(NDArray array, DoubleBuffer values) {
    this.array = array;
    this.values = values;
  }

  /** A new array of {@code shape} in {@code manager}, all zeros. */
  public static BackedArray zeros(NDManager manager, Shape shape) {
    NDArray array = manager.zeros(shape, DataType.FLOAT64);
    if (array.getDevice().getDeviceType() != Device.Type.CPU) {
      return new BackedArray(array, null);
    }
    ByteBuffer memory =
        ByteBuffer.allocateDirect(Math.toIntExact(shape.size() * Double.BYTES))
            .order(ByteOrder.nativeOrder());
    array.set(memory);
    return new BackedArray(array, memory.asDoubleBuffer());
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
    return Math.toIntExact(array.size());
  }

  /** A copy of the values, row-major. */
  public double[] values() {
    if (values == null) {
      return array.toDoubleArray();
    }
    double[] copy = new double[values.capacity()];
    values.get(0, copy);
    return copy;
  }

  /** The value at {@code index}, row-major. */
  public double get(int index) {
    return values == null ? values()[index] : values.get(index);
  }

  /** Replaces every value; {@code replacement} must hold exactly {@link #size()} of them. */
  public void write(double[] replacement) {
    if (replacement.length != size()) {
      throw new IllegalArgumentException(
          "expected " + size() + " values, got " + replacement.length);
    }
    if (values == null) {
      array.set(replacement);
    } else {
      values.put(0, replacement);
    }
  }

  /** Replaces the value at {@code index}, row-major. */
  public void write(int index, double value) {
    if (values == null) {
      double[] all = values();
      all[index] = value;
      array.set(all);
    } else {
      values.put(index, value);
    }
  }
}
