package io.downhill.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The summary of {@link StepLoad}: the window's figures from its two edges, each beside the check
 * that says it measured what was asked. Returns whether every check passed.
 */
final class StepReport {
  /** Everything read at one edge of the window. */
  record Edge(
      StepRoom.Counts room,
      ProcessCpu.Reading server,
      ProcessCpu.Reading generator,
      long machineBusyTicks,
      long lastTask) {}

  private final PrintStream out;
  private final StepOptions options;

  StepReport(PrintStream out, StepOptions options) {
    this.out = out;
    this.options = options;
  }

  /**
   * The number of the last thread or process the machine started ({@code /proc/loadavg}'s last
   * field): the window's difference counts every task started meanwhile, this server's threads
   * among them; -1 when it cannot be read.
   */
  static long lastTask() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return Long.parseLong(fields[fields.length - 1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  boolean print(
      Edge open,
      Edge close,
      Histogram latency,
      StepRoom room,
      List<String> lost,
      SessionCreator.Creation creation) {
    double seconds = (close.room().nanos() - open.room().nanos()) / 1e9;
    long answers = close.room().answers() - open.room().answers();
    long asked = close.room().stepsAsked() - open.room().stepsAsked();
    long made = close.room().stepsMade() - open.room().stepsMade();
    double serverCpu = close.server().secondsSince(open.server());
    double generatorCpu = close.generator().secondsSince(open.generator());
    double machineCpu =
        (close.machineBusyTicks() - open.machineBusyTicks()) / ProcessCpu.TICKS_PER_SECOND;
    out.println();
    out.printf(
        Locale.ROOT,
        "sessions created             %d (%.0f/s, %d retried after 503)%n",
        creation.sessions().size(),
        creation.perSecond(),
        creation.retried());
    out.printf(Locale.ROOT, "window                       %.1f s%n", seconds);
    out.printf(
        Locale.ROOT,
        "requests answered            %d (%.0f/s, %.1f per participant per second)%n",
        answers,
        answers / seconds,
        answers / seconds / options.sessions());
    out.printf(Locale.ROOT, "session-steps/s              %.0f%n", made / seconds);
    out.printf(
        Locale.ROOT,
        "steps made / asked           %d / %d%s%n",
        made,
        asked,
        made == asked ? "" : "  MISMATCH");
    out.printf(
        Locale.ROOT, "answers with a wrong step    %d (over the whole run)%n", room.wrongAnswers());
    out.printf(
        Locale.ROOT,
        "request latency              p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getMaxValue() / 1000.0);
    if (!Double.isNaN(serverCpu)) {
      out.printf(
          Locale.ROOT,
          "server CPU                   %.1f s (%.2f cores): %.0f us per request, %.1f us per"
              + " step%n",
          serverCpu,
          serverCpu / seconds,
          serverCpu * 1e6 / Math.max(1, answers),
          serverCpu * 1e6 / Math.max(1, made));
    }
    if (!Double.isNaN(serverCpu) && serverCpu > 0) {
      StringBuilder pools = new StringBuilder();
      for (ProcessCpu.ThreadTicks pool : close.server().poolsSince(open.server(), 6)) {
        pools.append(
            String.format(
                Locale.ROOT,
                "%n  %5.1f%%  %s",
                100 * pool.ticks() / ProcessCpu.TICKS_PER_SECOND / serverCpu,
                pool.name()));
      }
      // The JIT compiler's share says how far from its steady state the server still was.
      out.printf(Locale.ROOT, "server CPU by thread pool%s%n", pools);
    }
    out.printf(
        Locale.ROOT,
        "generator CPU                %.1f s (%.2f cores)%n",
        generatorCpu,
        generatorCpu / seconds);
    out.printf(
        Locale.ROOT,
        "machine busy                 %.1f s (%.2f cores)%n",
        machineCpu,
        machineCpu / seconds);
    if (open.lastTask() >= 0 && close.lastTask() >= 0) {
      long tasks = close.lastTask() - open.lastTask();
      out.printf(
          Locale.ROOT,
          "threads and processes started on the machine  %d (%.1f per 1,000 requests)%n",
          tasks,
          tasks * 1000.0 / Math.max(1, answers));
    }
    out.printf(
        Locale.ROOT,
        "failed requests              %d%s%n",
        room.errors(),
        room.firstError() == null ? "" : " (first: " + room.firstError() + ")");
    out.printf(
        Locale.ROOT,
        "sessions whose stored step differs from their last answer  %d%s%n",
        lost.size(),
        lost.isEmpty() ? "" : " (first: " + lost.get(0) + ")");
    boolean passed =
        made == asked && room.wrongAnswers() == 0 && room.errors() == 0 && lost.isEmpty();
    out.println(passed ? "PASSED" : "FAILED");
    return passed;
  }
}
