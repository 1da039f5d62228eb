package io.downhill.gateway.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal, redrawn at most 20 times a second; silent otherwise. */
final class ProgressBar {
  private final PrintStream out;
  private final long total;
  private final boolean enabled;
  private long lastDraw;

  ProgressBar(PrintStream out, long total, boolean enabled) {
    this.out = out;
    this.total = total;
    this.enabled = enabled;
  }

  void update(long done) {
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < 50_000_000L && done < total)) {
      return;
    }
    lastDraw = now;
    int width = 40;
    int filled = (int) (width * done / Math.max(1, total));
    out.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(width - filled)
            + "] "
            + done
            + "/"
            + total
            + " steps");
    out.flush();
  }

  void done() {
    if (enabled) {
      out.print("\r" + " ".repeat(70) + "\r");
      out.flush();
    }
  }
}
