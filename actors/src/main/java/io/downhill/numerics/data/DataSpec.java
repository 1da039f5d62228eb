package io.downhill.numerics.data;

/**
 * How a session's noisy data is made: {@code n} float32 points evenly spaced on [xMin, xMax], and
 * {@code y = f(x)·(1 + N(0, multiplicativeNoise)) + N(0, additiveNoise)} with numpy's generator
 * seeded by {@code seed} — first the multiplicative draws, then the additive ones, as the lesson's
 * {@code add_noise} makes them.
 */
public record DataSpec(
    TargetFunction target,
    int n,
    double xMin,
    double xMax,
    double multiplicativeNoise,
    double additiveNoise,
    long seed) {

  /** Draws the data. The same spec always gives the same points. */
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
}
