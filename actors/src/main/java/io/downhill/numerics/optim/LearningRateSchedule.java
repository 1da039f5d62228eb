package io.downhill.numerics.optim;

import java.util.Locale;

/**
 * How the learning rate changes with the step number, relative to a base rate that a user may
 * change in the middle of a run.
 *
 * @param kind constant, step decay, exponential decay, or cosine annealing
 * @param stepSize step decay: steps between two decays
 * @param gamma step decay and exponential: the decay factor
 * @param period cosine: the steps over which the rate falls from the base to {@code minFactor}·base
 * @param minFactor cosine: the floor, as a fraction of the base rate
 */
public record LearningRateSchedule(
    Kind kind, long stepSize, double gamma, long period, double minFactor) {

  /** The schedule families. */
  public enum Kind {
    CONSTANT,
    STEP,
    EXPONENTIAL,
    COSINE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(Kind.CONSTANT, 100, 0.5, 1000, 0.0);
  }

  /** The rate for the step that follows {@code completedSteps} steps. */
  public double rateAt(double baseRate, long completedSteps) {
    return switch (kind) {
      case CONSTANT -> baseRate;
      case STEP -> baseRate * Math.pow(gamma, Math.floorDiv(completedSteps, stepSize));
      case EXPONENTIAL -> baseRate * Math.pow(gamma, completedSteps);
      case COSINE -> {
        double progress = Math.min(1.0, (double) completedSteps / period);
        double floor = baseRate * minFactor;
        yield floor + (baseRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
      }
    };
  }
}
