package io.downhill.bench.sweep;

import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate sweep both sweep benchmarks run, and {@code bench/python/batched_sweep.py} with
 * them: the lesson's notebook preset at K rates spread log-uniformly over [{@value #LOWEST_RATE},
 * {@value #HIGHEST_RATE}], without its gradient accumulation, so that no variant diverges and every
 * one keeps stepping.
 */
final class SweepVariants {
  static final double LOWEST_RATE = 1e-4;
  static final double HIGHEST_RATE = 1e-1;

  /**
   * Every invocation of a sweep benchmark makes this many session-steps in all, whatever K, so that
   * JMH's ops/s is session-steps per second at every K and invocations are long enough to time.
   */
  static final int SESSION_STEPS_PER_INVOCATION = 10_000;

  private SweepVariants() {}

  /** K notebook variants, the i-th at rate LOWEST·(HIGHEST/LOWEST)^(i/(K−1)). */
  static List<TrainingSpec> logUniformRates(int k) {
    return logUniformRates(k, Presets.notebook());
  }

  /**
   * K variants of {@code base} without accumulation, at the rates of {@link #logUniformRates(int)}.
   */
  static List<TrainingSpec> logUniformRates(int k, TrainingSpec base) {
    List<TrainingSpec> variants = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      double exponent = k == 1 ? 0 : (double) i / (k - 1);
      double rate = LOWEST_RATE * Math.pow(HIGHEST_RATE / LOWEST_RATE, exponent);
      variants.add(
          new TrainingSpec(
              base.data(),
              base.model(),
              base.loss(),
              base.optimizer(),
              rate,
              base.schedule(),
              false,
              base.init(),
              GradientMethod.ANALYTIC));
    }
    return variants;
  }

  /** How many steps each of K sessions makes per invocation; K must divide the total. */
  static int stepsPerSession(int k) {
    if (k < 1 || SESSION_STEPS_PER_INVOCATION % k != 0) {
      throw new IllegalArgumentException(
          "K must divide " + SESSION_STEPS_PER_INVOCATION + ": " + k);
    }
    return SESSION_STEPS_PER_INVOCATION / k;
  }

  /** Fails the benchmark when a variant stopped: the figure would then time fewer variants. */
  static void checkEveryVariantStepped(io.downhill.numerics.batch.BatchTrainer batch, int k) {
    for (int i = 0; i < k; i++) {
      if (batch.outcome(i) != io.downhill.numerics.batch.VariantOutcome.ACTIVE) {
        throw new IllegalStateException(
            "variant " + i + " stopped (" + batch.outcome(i) + ") at " + batch.variant(i));
      }
    }
  }
}
