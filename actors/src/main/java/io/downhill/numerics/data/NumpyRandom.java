package io.downhill.numerics.data;

/**
 * numpy's legacy {@code RandomState}: the MT19937 generator seeded as {@code
 * numpy.random.seed(int)} seeds it, and the polar Box–Muller Gaussian of {@code
 * numpy.random.normal}, bit for bit.
 *
 * <p>Reproducing numpy exactly is what lets a session rebuild the lesson's noisy data from its
 * seed. One instance is one stream of draws; it is not thread-safe and lives as long as the data
 * generation that uses it.
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] state = new int[N];
  private int position;
  // The legacy Gaussian makes two values per draw and keeps the second for the next call.
  private boolean hasCachedGaussian;
  private double cachedGaussian;

  /** Seeds as {@code numpy.random.seed(seed)} does for an integer in [0, 2³²). */
  public NumpyRandom(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be in [0, 4294967295]: " + seed);
    }
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      state[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
    position = N;
  }

  /** The next raw 32-bit output of MT19937, as an unsigned value in a long. */
  public long nextUnsignedInt() {
    if (position >= N) {
      twist();
    }
    int y = state[position++];
    y ^= (y >>> 11);
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= (y >>> 18);
    return y & 0xffffffffL;
  }

  /** A double in [0, 1) with 53 random bits, as numpy's {@code random_sample}. */
  public double nextDouble() {
    long a = nextUnsignedInt() >>> 5;
    long b = nextUnsignedInt() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A standard normal draw from numpy's legacy polar method. */
  public double nextGaussian() {
    if (hasCachedGaussian) {
      hasCachedGaussian = false;
      return cachedGaussian;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    cachedGaussian = f * x1;
    hasCachedGaussian = true;
    return f * x2;
  }

  /** {@code numpy.random.normal(loc=0, scale=scale, size=n)}. */
  public double[] normal(double scale, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 0.0 + scale * nextGaussian();
    }
    return out;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
      int next = state[(i + M) % N] ^ (y >>> 1);
      if ((y & 1) != 0) {
        next ^= MATRIX_A;
      }
      state[i] = next;
    }
    position = 0;
  }
}
