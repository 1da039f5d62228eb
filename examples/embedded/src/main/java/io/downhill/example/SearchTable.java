package io.downhill.example;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/** Prints a search's rungs as a table, and its winner. */
final class SearchTable {
  private SearchTable() {}

  /** 0.0001 rather than 1.0E-4. */
  static String rate(double rate) {
    return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
  }

  static void print(SearchResult result, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-5s %7s %10s %12s %6s  %-14s %s%n",
        "rung",
        "budget",
        "rate",
        "loss",
        "step",
        "session",
        "");
    for (SearchResult.Rung rung : result.rungs()) {
      for (Outcome o : rung.outcomes()) {
        out.printf(
            Locale.ROOT,
            "%-5d %7d %10s %12s %6d  %-14s %s%n",
            rung.number(),
            rung.budget(),
            rate(o.rate()),
            o.diverged() ? "diverged" : String.format(Locale.ROOT, "%.6f", o.loss()),
            o.step(),
            o.session(),
            rung.kept().contains(o.rate()) ? "kept" : "");
      }
    }
    Outcome w = result.winner();
    out.printf(
        Locale.ROOT,
        "winner: learning rate %s, loss %.6f after %d steps%n",
        rate(w.rate()),
        w.loss(),
        w.step());
  }
}
