package io.downhill.loadtest;

import io.downhill.loadtest.SessionCreator.Creation;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Prints the summary table of a passivation run — every count as asked against made, the memory a
 * passivated session costs against the goal, the reactivation latencies — and says whether the
 * sanity checks passed. Missing the memory goal is a finding, not a failed check.
 */
final class PassivationReport {
  /**
   * Everything one run measured.
   *
   * @param before the server's memory just after it started, after a full GC
   * @param after its memory once the sessions passivated, after a full GC
   * @param heapBefore the live objects by class at {@code before}
   * @param heapAfter the live objects by class at {@code after}
   */
  record Figures(
      Creation creation,
      PassivationWait.Outcome passivation,
      MemoryReading before,
      MemoryReading after,
      ClassHistogram heapBefore,
      ClassHistogram heapAfter,
      Reactivations.Result touches) {}

  /** Classes listed under the heap's growth. */
  private static final int GROWN_CLASSES = 8;

  /** The goal: a node keeps at least this many passivated sessions per GiB. */
  static final long GOAL_PER_GIB = 1_000_000;

  private static final double GIB = 1024.0 * 1024.0 * 1024.0;

  private final PrintStream out;

  PassivationReport(PrintStream out) {
    this.out = out;
  }

  /**
   * Prints the table.
   *
   * @return whether every sanity check passed
   */
  boolean print(PassivationOptions options, Figures figures) {
    Creation creation = figures.creation();
    PassivationWait.Outcome passivation = figures.passivation();
    MemoryReading before = figures.before();
    MemoryReading after = figures.after();
    Reactivations.Result touches = figures.touches();
    int created = creation.sessions().size();
    int left = passivation.sessionsInMemory() < 0 ? 0 : created - passivation.sessionsInMemory();
    boolean createdAll = created == creation.asked();
    boolean answeredAll = touches.answered() == touches.asked();
    boolean allAtZero = touches.atStepZero() == touches.asked();
    boolean continuedAll = touches.continued() == touches.asked();
    out.println();
    out.println("== Downhill passivation load: summary ==");
    out.printf(
        Locale.ROOT, "%-32s %12s %12s  %-7s %s%n", "figure", "asked", "made", "check", "notes");
    count(
        "sessions created",
        creation.asked(),
        created,
        createdAll,
        String.format(
            Locale.ROOT,
            "%.1f s, %,.0f sessions/s, %d in flight, %d retried after 503%s",
            creation.seconds(),
            creation.perSecond(),
            options.concurrency(),
            creation.retried(),
            creation.firstError() == null ? "" : "; first error: " + creation.firstError()));
    count(
        "sessions passivated",
        created,
        left,
        passivation.reached(),
        String.format(
            Locale.ROOT,
            "%s still in memory (at most %,d allowed) after waiting %.1f s (limit %d s)",
            passivation.sessionsInMemory() < 0
                ? "unknown"
                : String.format(Locale.ROOT, "%,d", passivation.sessionsInMemory()),
            passivation.allowed(),
            passivation.seconds(),
            options.passivationWait().toSeconds()));
    count(
        "touches answered",
        touches.asked(),
        touches.answered(),
        answeredAll,
        String.format(
            Locale.ROOT,
            "GET /api/sessions/{id} of a random passivated session, one at a time, %.1f s in all",
            touches.seconds()));
    count("  state still at step 0", touches.asked(), touches.atStepZero(), allAtZero, "");
    count(
        "  stepped on to step 1",
        touches.asked(),
        touches.continued(),
        continuedAll,
        "POST /api/sessions/{id}/steps {\"count\":1}"
            + (touches.firstError() == null ? "" : "; first error: " + touches.firstError()));
    out.println();
    out.printf(
        Locale.ROOT,
        "%-32s %12s %12s %14s %16s  goal >= %,d/GiB%n",
        "memory after a full GC",
        "baseline",
        "after",
        "per session",
        "sessions per GiB",
        GOAL_PER_GIB);
    memory("heap used (/api/metrics)", before.heapUsedBytes(), after.heapUsedBytes(), created);
    memory("resident set (VmRSS)", before.rssBytes(), after.rssBytes(), created);
    out.println();
    grown(figures.heapBefore(), figures.heapAfter(), created);
    out.println();
    out.printf(
        Locale.ROOT,
        "%-32s %12s %12s %12s %12s%n",
        "latency (ms)",
        "p50",
        "p99",
        "max",
        "recorded");
    latency("reactivation (first GET)", touches.reactivationMicros(), touches.asked());
    latency("step right after (POST)", touches.stepMicros(), touches.asked());
    out.println();
    boolean passed =
        createdAll && passivation.reached() && answeredAll && allAtZero && continuedAll;
    out.println(
        passed
            ? "PASSED: every session was created, passivated, came back at step 0 and stepped on"
            : "FAILED: a sanity check above did not hold (check column)");
    return passed;
  }

  private void count(String label, long asked, long made, boolean ok, String notes) {
    out.printf(
        Locale.ROOT,
        "%-32s %,12d %,12d  %-7s %s%n",
        label,
        asked,
        made,
        ok ? "ok" : "FAILED",
        notes);
  }

  private void memory(String label, long before, long after, int sessions) {
    double perSession = bytesPerSession(before, after, sessions);
    double perGib = perGib(perSession);
    out.printf(
        Locale.ROOT,
        "%-32s %12s %12s %14s %16s  %s%n",
        label,
        megabytes(before),
        megabytes(after),
        String.format(Locale.ROOT, "%,.0f B", perSession),
        Double.isInfinite(perGib) ? "unbounded" : String.format(Locale.ROOT, "%,.0f", perGib),
        meetsGoal(perGib) ? "met" : "not met");
  }

  /** Where the heap grew: the classes that account for most of it, shared out per session. */
  private void grown(ClassHistogram before, ClassHistogram after, int sessions) {
    long total = after.totalBytes() - before.totalBytes();
    out.printf(
        Locale.ROOT,
        "%-58s %12s %12s %14s%n",
        String.format(
            Locale.ROOT,
            "live heap growth by class (GC.class_histogram: %s; top %d)",
            megabytes(total),
            GROWN_CLASSES),
        "bytes",
        "instances",
        "per session");
    List<ClassHistogram.Growth> grown = after.grownSince(before, GROWN_CLASSES);
    for (ClassHistogram.Growth growth : grown) {
      out.printf(
          Locale.ROOT,
          "%-58s %,12d %,12d %,12.0f B%n",
          abbreviate(growth.className(), 58),
          growth.bytes(),
          growth.instances(),
          bytesPerSession(0, growth.bytes(), sessions));
    }
  }

  /** Keeps the end of a long class name, which says more than its package. */
  static String abbreviate(String className, int width) {
    return className.length() <= width
        ? className
        : "…" + className.substring(className.length() - width + 1);
  }

  private void latency(String label, Histogram micros, int asked) {
    out.printf(
        Locale.ROOT,
        "%-32s %12.2f %12.2f %12.2f %,12d of %,d%n",
        label,
        Measurement.millis(micros, 50),
        Measurement.millis(micros, 99),
        micros.getTotalCount() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0,
        micros.getTotalCount(),
        asked);
  }

  /** What one session adds: the growth from {@code before} to {@code after}, shared out. */
  static double bytesPerSession(long before, long after, int sessions) {
    return sessions <= 0 ? Double.NaN : (after - before) / (double) sessions;
  }

  /**
   * How many sessions a GiB holds at {@code bytesPerSession} each; unbounded when the memory did
   * not grow at all (the growth was below what the readings can tell apart).
   */
  static double perGib(double bytesPerSession) {
    if (Double.isNaN(bytesPerSession)) {
      return Double.NaN;
    }
    return bytesPerSession <= 0 ? Double.POSITIVE_INFINITY : GIB / bytesPerSession;
  }

  static boolean meetsGoal(double perGib) {
    return perGib >= GOAL_PER_GIB; // false for NaN
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
  }
}
