package io.downhill.gateway.cli;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.sweep.LearningRateRange;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code downhill sweep} once checked: a preset, the learning rates ({@code
 * from:to:count[:log|linear]} or a comma-separated list), steps, a target, overrides and an output
 * format. Every refusal says which option is wrong.
 */
record SweepArguments(
    TrainingSpec base, double[] rates, long steps, double target, String format, boolean quiet) {

  /** The flags as {@link SweepCommand} read them (null: not given), checked together. */
  static SweepArguments parse(SweepCommand.Flags flags) {
    TrainingSpec base = Presets.notebook();
    if (flags.preset != null) {
      String name = flags.preset;
      base =
          Presets.named(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("--preset: unknown preset '" + name + "'"));
    }
    long steps = wholeNumber(flags.steps, "--steps", 1, 10_000_000);
    double target = flags.target == null ? Double.NaN : number(flags.target, "--target");
    Long seed = flags.seed == null ? null : wholeNumber(flags.seed, "--seed", 0, 0xffffffffL);
    Boolean accumulate = null;
    if (flags.accumulate != null) {
      if (!flags.accumulate.equals("on") && !flags.accumulate.equals("off")) {
        throw new IllegalArgumentException(
            "--accumulate must be on or off, not '" + flags.accumulate + "'");
      }
      accumulate = flags.accumulate.equals("on");
    }
    String format = flags.format;
    if (!List.of("table", "csv", "json").contains(format)) {
      throw new IllegalArgumentException(
          "--format must be table, csv or json, not '" + format + "'");
    }
    String loss = flags.loss;
    Loss lossKind = base.loss();
    if (loss != null) {
      lossKind =
          switch (loss) {
            case "mae" -> Loss.MAE;
            case "mse" -> Loss.MSE;
            default ->
                throw new IllegalArgumentException("--loss must be mae or mse, not '" + loss + "'");
          };
    }
    var data = base.data();
    if (seed != null) {
      data =
          new io.downhill.numerics.data.DataSpec(
              data.target(),
              data.n(),
              data.xMin(),
              data.xMax(),
              data.multiplicativeNoise(),
              data.additiveNoise(),
              seed);
    }
    base =
        new TrainingSpec(
            data,
            base.model(),
            lossKind,
            base.optimizer(),
            base.learningRate(),
            base.schedule(),
            accumulate == null ? base.accumulateGradients() : accumulate,
            base.init(),
            base.gradients());
    return new SweepArguments(base, parseRates(flags.lr), steps, target, format, flags.quiet);
  }

  /** The variants: the base at each rate. */
  List<TrainingSpec> variants() {
    List<TrainingSpec> out = new ArrayList<>();
    for (double rate : rates) {
      out.add(base.withLearningRate(rate));
    }
    return out;
  }

  private static double[] parseRates(String text) {
    try {
      if (text.contains(":")) {
        String[] parts = text.split(":");
        if (parts.length < 3 || parts.length > 4) {
          throw new IllegalArgumentException(
              "--lr takes FROM:TO:COUNT[:log|linear], not '" + text + "'");
        }
        double from = number(parts[0], "--lr FROM");
        double to = number(parts[1], "--lr TO");
        int count = (int) wholeNumber(parts[2], "--lr COUNT", 1, 10_000);
        String scale = parts.length == 4 ? parts[3].toLowerCase(Locale.ROOT) : "log";
        return LearningRateRange.values(from, to, count, scale);
      }
      String[] parts = text.split(",");
      double[] rates = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        rates[i] = number(parts[i], "--lr");
        if (!(rates[i] > 0)) {
          throw new IllegalArgumentException("--lr: learning rates must be above 0");
        }
      }
      return rates;
    } catch (ApiError error) {
      throw new IllegalArgumentException("--lr: " + error.getMessage());
    }
  }

  private static double number(String text, String option) {
    try {
      double value = Double.parseDouble(text.trim());
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a finite number, not '" + text + "'");
    }
  }

  private static long wholeNumber(String text, String option, long min, long max) {
    try {
      long value = Long.parseLong(text.trim());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
  }
}
