package io.downhill.numerics.data;

import java.util.SplittableRandom;

/**
 * How a session's noisy data is made: {@code n} float32 points evenly spaced on [xMin, xMax], and
 * {@code y = f(x)·(1 + N(0, multiplicativeNoise)) + N(0, additiveNoise)} with numpy's generator
 * seeded by {@code seed} — first the multiplicative draws, then the additive ones, as the lesson's
 * {@code add_noise} makes them. A {@code validationFraction} of the points (rounded down) is held
 * out of training, chosen by the seed alone, so the same spec always holds out the same points.
 */
public record DataSpec(
    TargetFunction target,
    int n,
    double xMin,
    double xMax,
    double multiplicativeNoise,
    double additiveNoise,
    long seed,
    double validationFraction) {

  /** The largest share of the points that may be held out. */
  public static final double MAX_VALIDATION_FRACTION = 0.5;

  /** Data without a held-out set, as the lesson makes it. */
  public DataSpec(
      TargetFunction target,
      int n,
      double xMin,
      double xMax,
      double multiplicativeNoise,
      double additiveNoise,
      long seed) {
    this(target, n, xMin, xMax, multiplicativeNoise, additiveNoise, seed, 0);
  }

  /** The same data with another held-out share. */
  public DataSpec withValidationFraction(double fraction) {
    return new DataSpec(target, n, xMin, xMax, multiplicativeNoise, additiveNoise, seed, fraction);
  }

  /** Draws all the points, held-out ones included. The same spec always gives the same points. */
  public Dataset generate() {
    double[] x = Linspace.float32(xMin, xMax, n);
    NumpyRandom random = new NumpyRandom(seed);
    double[] multiplicative = random.normal(multiplicativeNoise, n);
    double[] additive = random.normal(additiveNoise, n);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = target.at(x[i]) * (1.0 + multiplicative[i]) + additive[i];
    }
    return new Dataset(x, y);
  }

  /** How many points are held out. */
  public int validationCount() {
    return (int) Math.floor(n * validationFraction);
  }

  /**
   * The points split into training and held-out ones, each in the order of x. Without a held-out
   * share the training points are {@link #generate()}'s, unchanged.
   */
  public DataSplit split() {
    Dataset all = generate();
    int held = validationCount();
    if (held <= 0) {
      return new DataSplit(all, new Dataset(new double[0], new double[0]));
    }
    // Its own generator, so holding points out never changes the noise the lesson draws.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    boolean[] heldOut = new boolean[n];
    for (int i = 0; i < held; i++) {
      heldOut[order[i]] = true;
    }
    return new DataSplit(all.select(heldOut, false), all.select(heldOut, true));
  }
}
