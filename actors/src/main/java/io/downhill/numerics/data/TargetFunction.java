package io.downhill.numerics.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * The function the noisy data is drawn from. Evaluated in float32 on float32 inputs, as the
 * lesson's {@code f(x)} is evaluated on a float32 tensor, so that the seeded data matches the
 * lesson bit for bit.
 *
 * @param kind which family of function
 * @param coefficients its numbers: for {@code quadratic} a, b, c of a·x² + b·x + c; for {@code
 *     sine} amplitude and frequency; for {@code abs} and {@code step} a scale
 */
public record TargetFunction(Kind kind, double[] coefficients) {

  /** The families of target function. */
  public enum Kind {
    QUADRATIC(3),
    SINE(2),
    ABS(1),
    STEP(1);

    private final int coefficientCount;

    Kind(int coefficientCount) {
      this.coefficientCount = coefficientCount;
    }

    public int coefficientCount() {
      return coefficientCount;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public TargetFunction {
    if (coefficients.length != kind.coefficientCount()) {
      throw new IllegalArgumentException(
          kind.wireName() + " takes " + kind.coefficientCount() + " coefficients");
    }
    coefficients = coefficients.clone();
  }

  public static TargetFunction quadratic(double a, double b, double c) {
    return new TargetFunction(Kind.QUADRATIC, new double[] {a, b, c});
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The function at {@code x}, computed in float32 and widened to double. */
  public double at(double x) {
    float xf = (float) x;
    float[] c = new float[coefficients.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) coefficients[i];
    }
    return switch (kind) {
      case QUADRATIC -> c[0] * (xf * xf) + c[1] * xf + c[2];
      case SINE -> c[0] * (float) Math.sin(c[1] * xf);
      case ABS -> c[0] * Math.abs(xf);
      case STEP -> xf >= 0f ? c[0] : 0f;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetFunction t
        && t.kind == kind
        && Arrays.equals(t.coefficients, coefficients);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(coefficients);
  }

  @Override
  public String toString() {
    return kind.wireName() + Arrays.toString(coefficients);
  }
}
