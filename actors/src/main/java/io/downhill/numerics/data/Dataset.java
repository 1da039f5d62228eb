package io.downhill.numerics.data;

/**
 * The points a session fits: plain values, safe to hand to any thread or client. Edits give a new
 * dataset; a point keeps its index until one before it is removed, and added points come last.
 */
public record Dataset(double[] x, double[] y) {
  public Dataset {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    x = x.clone();
    y = y.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  public int size() {
    return x.length;
  }

  /** These points and one more, at the end. */
  public Dataset withPointAdded(double px, double py) {
    double[] nx = java.util.Arrays.copyOf(x, x.length + 1);
    double[] ny = java.util.Arrays.copyOf(y, y.length + 1);
    nx[x.length] = px;
    ny[y.length] = py;
    return new Dataset(nx, ny);
  }

  /** These points with point {@code index} moved to ({@code px}, {@code py}). */
  public Dataset withPointMoved(int index, double px, double py) {
    double[] nx = x.clone();
    double[] ny = y.clone();
    nx[index] = px;
    ny[index] = py;
    return new Dataset(nx, ny);
  }

  /** These points without point {@code index}; the later ones move down by one. */
  public Dataset withPointRemoved(int index) {
    double[] nx = new double[x.length - 1];
    double[] ny = new double[y.length - 1];
    System.arraycopy(x, 0, nx, 0, index);
    System.arraycopy(y, 0, ny, 0, index);
    System.arraycopy(x, index + 1, nx, index, x.length - index - 1);
    System.arraycopy(y, index + 1, ny, index, y.length - index - 1);
    return new Dataset(nx, ny);
  }

  /** The points whose flag is {@code wanted}, in order. */
  Dataset select(boolean[] flags, boolean wanted) {
    int count = 0;
    for (boolean flag : flags) {
      if (flag == wanted) {
        count++;
      }
    }
    double[] nx = new double[count];
    double[] ny = new double[count];
    int k = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i] == wanted) {
        nx[k] = x[i];
        ny[k++] = y[i];
      }
    }
    return new Dataset(nx, ny);
  }
}
