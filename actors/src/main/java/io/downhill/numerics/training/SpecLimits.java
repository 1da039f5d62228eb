package io.downhill.numerics.training;

/**
 * The bounds a spec must stay within, so that no session can hold a thread or memory for long.
 *
 * @param maxPoints the most data points
 * @param maxDegree the highest polynomial degree
 * @param maxUnits the most ReLUs in a sum
 * @param maxMagnitude the largest absolute value of any number in a spec
 */
public record SpecLimits(int maxPoints, int maxDegree, int maxUnits, double maxMagnitude) {
  public static SpecLimits defaults() {
    return new SpecLimits(10_000, 12, 64, 1e6);
  }
}
