package io.downhill.numerics.data;

/** The points a session fits: plain values, safe to hand to any thread or client. */
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
