package io.downhill.numerics.data;

/**
 * Evenly spaced float32 points computed as {@code torch.linspace} computes them on a CPU, so that
 * the lesson's data is rebuilt bit for bit.
 *
 * <p>torch's kernel counts points of the first half up from the start and those of the second half
 * down from the end, but its vectorised loop fills 8 lanes at a time from a base value, {@code base
 * + j·step}, with the base chosen by where the 8-lane block begins; blocks come in pairs (16
 * points) and a remainder shorter than that is filled point by point. The rounding of float32 makes
 * these differ in the last bit, which is why the lesson's x is not symmetric around 0.
 *
 * <p>This reproduces PyTorch 1.13's CPU output exactly for the lesson's 20 points and for the other
 * sizes the tests pin; for some larger sizes torch's vector arithmetic rounds a few middle points
 * differently in the last float32 bit.
 */
public final class Linspace {
  private static final int LANES = 8;

  private Linspace() {}

  /** {@code n} float32 points on [start, end], widened to double without rounding. */
  public static double[] float32(double start, double end, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    float from = (float) start;
    float to = (float) end;
    double[] out = new double[n];
    if (n == 1) {
      out[0] = from;
      return out;
    }
    float step = (to - from) / (float) (n - 1);
    int halfway = n / 2;
    int index = 0;
    for (; index + 2 * LANES <= n; index += LANES) {
      float base = pointAt(index, from, to, step, halfway, n);
      for (int lane = 0; lane < LANES; lane++) {
        out[index + lane] = base + (float) lane * step;
      }
      index += LANES;
      base = pointAt(index, from, to, step, halfway, n);
      for (int lane = 0; lane < LANES; lane++) {
        out[index + lane] = base + (float) lane * step;
      }
    }
    for (; index < n; index++) {
      out[index] = pointAt(index, from, to, step, halfway, n);
    }
    return out;
  }

  private static float pointAt(int index, float from, float to, float step, int halfway, int n) {
    return index < halfway ? from + step * (float) index : to - step * (float) (n - index - 1);
  }
}
