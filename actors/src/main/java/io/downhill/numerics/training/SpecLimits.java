package io.downhill.numerics.training;

/**
 * The bounds a spec must stay within, so that no session can hold a thread or memory for long.
 *
 * @param maxPoints the most data points
 * @param maxDegree the highest polynomial degree
 * @param maxUnits the most ReLUs in a sum
 * @param maxMagnitude the largest absolute value of any number in a spec
 * @param maxTensorElements the work budget: the most data points × parameters one session (or all
 *     of a sweep's variants together) may hold, before any tensor is made
 */
public record SpecLimits(
    int maxPoints, int maxDegree, int maxUnits, double maxMagnitude, long maxTensorElements) {
  public static SpecLimits defaults() {
    return new SpecLimits(10_000, 12, 64, 1e6, 2_000_000);
  }
}
