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
}
