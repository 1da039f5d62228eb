package io.downhill.gateway.sweep;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.session.SpecParser;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a sweep from JSON: a base spec (as for a session) whose {@code lr} may be a list or a
 * range, optional {@code variants} (each a set of overrides of the base), {@code steps}, a {@code
 * target} loss and a pace, {@code stepsPerSecond}. Variants × learning rates make the sweep.
 */
public final class SweepParser {
  static final Set<String> SWEEP_FIELDS =
      Set.of("variants", "steps", "target", "start", "stepsPerSecond");

  private final SpecParser specs;
  private final int maxVariants;
  private final long maxSteps;

  public SweepParser(SpecParser specs, int maxVariants, long maxSteps) {
    this.specs = specs;
    this.maxVariants = maxVariants;
    this.maxSteps = maxSteps;
  }

  /** The sweep, and whether to start it at once. */
  public record Parsed(SweepSpec spec, boolean start) {}

  public Parsed parse(JsonInput json) {
    long steps = json.integer("steps", 1, maxSteps, 1000);
    double target = json.has("target") ? json.requiredNumber("target") : Double.NaN;
    boolean start = json.bool("start", true);
    double stepsPerSecond = json.number("stepsPerSecond", 0);
    if (!(stepsPerSecond >= 0) || stepsPerSecond > SweepSpec.MAX_STEPS_PER_SECOND) {
      throw ApiError.badRequest("stepsPerSecond", "must be a number from 0 to 1000000");
    }
    double[] rates = rates(json);
    Set<String> drop = new LinkedHashSet<>(SWEEP_FIELDS);
    if (rates != null) {
      drop.add("lr");
    }
    JsonInput base = json.without(drop);
    List<JsonInput> overrides =
        json.has("variants") ? json.objects("variants", maxVariants) : List.of(JsonInput.empty());
    long total = (long) overrides.size() * (rates == null ? 1 : rates.length);
    if (total > maxVariants) {
      throw ApiError.badRequest("variants", "a sweep holds at most " + maxVariants + " variants");
    }
    List<TrainingSpec> variants = new ArrayList<>();
    for (int v = 0; v < overrides.size(); v++) {
      JsonInput override = overrides.get(v);
      if (override.has("preset")) {
        throw ApiError.badRequest(
            "variants[" + v + "].preset", "a variant cannot change the preset");
      }
      JsonInput merged = base.mergedWith(override);
      if (rates == null) {
        variants.add(parseVariant(merged, override, v));
      } else {
        for (double rate : rates) {
          variants.add(
              parseVariant(override.has("lr") ? merged : merged.with("lr", rate), override, v));
        }
      }
    }
    return new Parsed(new SweepSpec(variants, steps, target, stepsPerSecond), start);
  }

  /** Parses and validates one variant; a fault in its own overrides is named under variants[i]. */
  private TrainingSpec parseVariant(JsonInput merged, JsonInput override, int index) {
    try {
      TrainingSpec spec = specs.parse(merged);
      List<FieldError> errors = spec.validate(specs.limits());
      if (!errors.isEmpty()) {
        throw ApiError.badRequest(errors.get(0).field(), errors.get(0).message());
      }
      if (spec.model().kind() == ModelSpec.Kind.MLP) {
        throw ApiError.badRequest("model.kind", SweepSpec.NOT_BATCHED);
      }
      return spec;
    } catch (ApiError error) {
      String field = error.field();
      if (field != null && override.fieldNames().contains(field.split("[.\\[]")[0])) {
        throw new ApiError(error.status(), "variants[" + index + "]." + field, error.getMessage());
      }
      throw error;
    }
  }

  /** The learning rates of {@code lr} when it is a list or a range; null when it is one number. */
  private double[] rates(JsonInput json) {
    if (json.isArray("lr")) {
      double[] rates = json.numbers("lr", maxVariants, null);
      if (rates.length == 0) {
        throw ApiError.badRequest("lr", "must hold at least one learning rate");
      }
      return rates;
    }
    if (json.isObject("lr")) {
      JsonInput range = json.object("lr").allowOnly(Set.of("from", "to", "count", "scale"));
      double from = range.requiredNumber("from");
      double to = range.requiredNumber("to");
      int count = (int) range.requiredInteger("count", 1, maxVariants);
      String scale = range.text("scale", "log");
      return LearningRateRange.values(from, to, count, scale);
    }
    return null;
  }
}
