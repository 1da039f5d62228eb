package io.downhill.sweep;

import io.downhill.access.Refused;
import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/**
 * A sweep: K variants trained side by side on the same data from the same start, differing in
 * learning rate and optionally optimizer, schedule, loss or model size.
 *
 * @param variants the variants, in the order a client listed them
 * @param steps steps each variant takes unless it stops earlier
 * @param targetLoss a variant stops once its loss falls below this (NaN for no target)
 * @param stepsPerSecond the pace of a run, lock-steps per second, so a person can watch it (0: as
 *     fast as it goes)
 */
public record SweepSpec(
    List<TrainingSpec> variants, long steps, double targetLoss, double stepsPerSecond)
    implements DownhillSerializable {

  /** The most steps per second a paced sweep may ask for. */
  public static final double MAX_STEPS_PER_SECOND = 1_000_000;

  /**
   * Why a network cannot be swept: a sweep runs its variants in lock-step over one [P, K] tensor,
   * and a network's layers would need a batched product per layer that no sweep makes yet.
   */
  public static final String NOT_BATCHED =
      "a sweep cannot run a network (mlp) yet; run it as a session";

  public SweepSpec {
    variants = List.copyOf(variants);
  }

  /** A sweep that runs as fast as it goes. */
  public SweepSpec(List<TrainingSpec> variants, long steps, double targetLoss) {
    this(variants, steps, targetLoss, 0);
  }

  /** Whether its runs are paced. */
  public boolean paced() {
    return stepsPerSecond > 0;
  }

  /**
   * The first way this sweep breaks the limits, or null when it is sound.
   *
   * @param maxTotalSteps the most session-steps (variants × steps) one sweep may ask for
   */
  public Refused check(SpecLimits limits, int maxVariants, long maxSteps, long maxTotalSteps) {
    int count = variants.size();
    if (count < 1 || count > maxVariants) {
      return Refused.invalid("variants", "a sweep holds 1 to " + maxVariants + " variants");
    }
    if (steps < 1 || steps > maxSteps) {
      return Refused.invalid("steps", "must be a whole number from 1 to " + maxSteps);
    }
    if ((double) count * steps > maxTotalSteps) {
      return Refused.invalid(
          "steps",
          "variants × steps must be at most " + maxTotalSteps + " (here " + count * steps + ")");
    }
    if (!(stepsPerSecond >= 0) || stepsPerSecond > MAX_STEPS_PER_SECOND) {
      return Refused.invalid("stepsPerSecond", "must be a number from 0 to 1000000");
    }
    if (!Double.isNaN(targetLoss) && !Double.isFinite(targetLoss)) {
      return Refused.invalid("target", "must be a finite number");
    }
    long elements = 0;
    for (TrainingSpec variant : variants) {
      elements += variant.tensorElements();
    }
    if (elements > limits.maxTensorElements()) {
      return Refused.invalid(
          "variants",
          "variants × points × parameters must be at most "
              + limits.maxTensorElements()
              + " (here "
              + elements
              + ")");
    }
    for (int k = 0; k < count; k++) {
      List<FieldError> errors = variants.get(k).validate(limits);
      if (!errors.isEmpty()) {
        FieldError first = errors.get(0);
        String field = count == 1 ? first.field() : "variants[" + k + "]." + first.field();
        return Refused.invalid(field, first.message());
      }
      if (variants.get(k).model().kind() == ModelSpec.Kind.MLP) {
        return Refused.invalid(
            count == 1 ? "model.kind" : "variants[" + k + "].model.kind", NOT_BATCHED);
      }
      if (variants.get(k).data().validationFraction() > 0) {
        // A sweep compares training losses in lock-step; it holds no points out.
        String field =
            count == 1 ? "data.validationFraction" : "variants[" + k + "].data.validationFraction";
        return Refused.invalid(field, "must be 0 in a sweep: sweeps hold no points out");
      }
    }
    return null;
  }
}
