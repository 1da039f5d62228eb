package io.downhill.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, bounded, until the server holds (almost) no session in memory: reads {@code /api/metrics}
 * once a second until its {@code sessions} figure is at most the allowance, or the time is up.
 */
final class PassivationWait {
  /** How the wait ended: the last figure read (-1: none could be read), and how long it took. */
  record Outcome(boolean reached, int sessionsInMemory, int allowed, double seconds) {}

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private PassivationWait() {}

  /**
   * The sessions that may still be in memory for the wait to count as done: a thousandth of those
   * created (at least one). A session whose one-second idle check has not come round yet, or one
   * the shard is still stopping, must not fail a run of a hundred thousand.
   */
  static int allowance(int created) {
    return Math.max(1, created / 1000);
  }

  static Outcome await(ServerApi api, int allowed, Duration limit, PrintStream out) {
    long started = System.nanoTime();
    long deadline = started + limit.toNanos();
    long lastPrint = started;
    int inMemory = -1;
    while (true) {
      try {
        inMemory = Await.result(api.metrics(), READ_TIMEOUT, "reading /api/metrics").sessions();
      } catch (IllegalStateException e) {
        out.println("  (" + e.getMessage() + "; reading again)");
      }
      long now = System.nanoTime();
      double seconds = (now - started) / 1e9;
      if (inMemory >= 0 && inMemory <= allowed) {
        return new Outcome(true, inMemory, allowed, seconds);
      }
      if (now >= deadline) {
        return new Outcome(false, inMemory, allowed, seconds);
      }
      if (now - lastPrint >= 10_000_000_000L) {
        out.printf(Locale.ROOT, "  %6.0fs  %,d sessions still in memory%n", seconds, inMemory);
        lastPrint = now;
      }
      sleep(Math.min(1000, (deadline - now) / 1_000_000 + 1));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the sessions to passivate");
    }
  }
}
