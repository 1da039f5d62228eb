package io.downhill.gateway.sweep;

import io.downhill.gateway.http.ApiError;

/** Learning rates spread evenly from {@code from} to {@code to}, on a log or linear scale. */
public final class LearningRateRange {
  private LearningRateRange() {}

  /**
   * {@code count} rates from {@code from} to {@code to} inclusive; fields named as in {@code lr}.
   */
  public static double[] values(double from, double to, int count, String scale) {
    if (!(from > 0) || !(to > 0)) {
      throw ApiError.badRequest("lr.from", "learning rates must be above 0");
    }
    boolean log =
        switch (scale) {
          case "log" -> true;
          case "linear" -> false;
          default -> throw ApiError.badRequest("lr.scale", "must be log or linear");
        };
    double[] rates = new double[count];
    for (int i = 0; i < count; i++) {
      double t = count == 1 ? 0 : (double) i / (count - 1);
      rates[i] =
          log
              ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)))
              : from + t * (to - from);
    }
    if (count > 1) {
      rates[count - 1] = to;
    }
    rates[0] = from;
    return rates;
  }
}
