package io.downhill.gateway.cli;

import io.downhill.gateway.http.WireJson;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a sweep's results as an aligned table, CSV or JSON. */
final class SweepReport {
  private SweepReport() {}

  /** The JSON row; non-finite numbers become null. */
  record Row(
      double lr,
      double finalLoss,
      double bestLoss,
      Long stepBelowTarget,
      boolean diverged,
      long steps) {}

  static void print(List<SweepResult> results, SweepArguments arguments, PrintStream out) {
    switch (arguments.format()) {
      case "csv" -> {
        out.println("lr,final_loss,best_loss,step_below_target,diverged,steps");
        for (SweepResult r : results) {
          out.println(
              String.join(
                  ",",
                  number(r.learningRate()),
                  number(r.finalLoss()),
                  number(r.bestLoss()),
                  r.firstBelowTarget() < 0 ? "" : Long.toString(r.firstBelowTarget()),
                  Boolean.toString(r.diverged()),
                  Long.toString(r.steps())));
        }
      }
      case "json" ->
          out.println(
              WireJson.encode(
                  results.stream()
                      .map(
                          r ->
                              new Row(
                                  r.learningRate(),
                                  r.finalLoss(),
                                  r.bestLoss(),
                                  r.firstBelowTarget() < 0 ? null : r.firstBelowTarget(),
                                  r.diverged(),
                                  r.steps()))
                      .toList()));
      default -> table(results, arguments, out);
    }
  }

  private static void table(List<SweepResult> results, SweepArguments arguments, PrintStream out) {
    String target =
        Double.isNaN(arguments.target())
            ? "below target"
            : "below " + String.format(Locale.ROOT, "%g", arguments.target());
    String format = "%12s  %12s  %12s  %14s  %9s%n";
    out.printf(Locale.ROOT, format, "lr", "final loss", "best loss", target, "diverged");
    for (SweepResult r : results) {
      out.printf(
          Locale.ROOT,
          format,
          String.format(Locale.ROOT, "%.4g", r.learningRate()),
          shortNumber(r.finalLoss()),
          shortNumber(r.bestLoss()),
          r.firstBelowTarget() < 0 ? "-" : "step " + r.firstBelowTarget(),
          r.diverged() ? "yes @" + (r.steps() + 1) : "no");
    }
  }

  private static String shortNumber(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "-";
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "";
  }
}
