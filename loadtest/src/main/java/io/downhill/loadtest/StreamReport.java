package io.downhill.loadtest;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Prints the summary table of a stream load run: throughput delivered to clients against steps
 * made, step-to-client latency percentiles, coalescing, sequence gaps, the server's heap and the
 * CPU both processes used.
 */
final class StreamReport {
  private final LoadOptions options;
  private final PrintStream out;

  StreamReport(LoadOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * @param window the measurement window
   * @param wholeRun what the clients received from subscribing to the end (for the gap check)
   * @param runsNotStarted runs the server never started (503 after every retry)
   */
  void print(WindowResult window, WatcherCounts wholeRun, int runsNotStarted) {
    double s = window.seconds();
    WatcherCounts got = window.received();
    int clients = options.clients();
    int sessions = options.sessions();
    out.println();
    out.println("== Downhill stream load: summary ==");
    row("clients", "%,d WebSocket clients on %d event loops", clients, options.eventLoops());
    row(
        "sessions",
        "%,d, each watched by %.1f clients, runs at %s",
        sessions,
        clients / (double) sessions,
        options.stepsPerSecond() == 0
            ? "full speed (stepsPerSecond 0)"
            : String.format(Locale.ROOT, "%,.0f steps/s each", options.stepsPerSecond()));
    row("window", "%.1f s after %d s of warm-up", s, options.warmupSeconds());
    row(
        "frames/s delivered",
        "%,.0f in total, %.1f per client (per client min %.1f, median %.1f, max %.1f)",
        got.frames() / s,
        got.frames() / s / clients,
        rank(window.framesPerClient(), 0) / s,
        rank(window.framesPerClient(), 0.5) / s,
        rank(window.framesPerClient(), 1) / s);
    row(
        "messages/s delivered",
        "%,.0f (%,.0f steps messages/s), %.1f MB/s of JSON",
        got.messages() / s,
        got.stepMessages() / s,
        got.characters() / s / 1e6);
    row(
        "steps/s delivered",
        "%,.0f to all clients together; a steps message holds %.1f steps from %.1f session events",
        got.steps() / s,
        got.steps() / (double) Math.max(1, got.stepMessages()),
        got.stepEvents() / (double) Math.max(1, got.stepMessages()));
    if (!Double.isNaN(window.stepsMadePerSecond())) {
      double made = window.stepsMadePerSecond();
      double expected = made * s * (clients / (double) sessions);
      row(
          "steps/s made",
          "%,.0f by the server (%,.1f per session); delivered %.2f%% of made x watchers%s",
          made,
          made / sessions,
          expected == 0 ? Double.NaN : 100.0 * got.steps() / expected,
          window.stepsReadSeconds() > 0.5
              ? String.format(
                  Locale.ROOT,
                  " (reading the steps took up to %.1f s: approximate)",
                  window.stepsReadSeconds())
              : "");
    }
    Histogram latency = window.latencyMicros();
    row(
        "latency (ms)",
        "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d steps messages; arrival - at)",
        Measurement.millis(latency, 50),
        Measurement.millis(latency, 90),
        Measurement.millis(latency, 99),
        Measurement.millis(latency, 99.9),
        latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0,
        latency.getTotalCount());
    ServerSamples server = window.server();
    row(
        "skipped / coalesced",
        "%,d skipped messages covering %,d steps; server catch-ups %,d; slow clients closed %,d",
        got.skippedMessages(),
        got.skippedSteps(),
        server.catchUps(),
        server.slowClientsClosed());
    row(
        "sequence gaps",
        "%,d not covered by a skipped message (%,d events missing) over the whole run;"
            + " %,d stale repeats",
        wholeRun.gaps(),
        wholeRun.missingEvents(),
        wholeRun.stale());
    if (runsNotStarted > 0
        || got.runsEnded() > 0
        || wholeRun.closedByServer() > 0
        || wholeRun.errors() > 0) {
      row(
          "warnings",
          "%d runs never started, %,d run-ended states in the window, %,d clients closed by the"
              + " server, %,d errors",
          runsNotStarted,
          got.runsEnded(),
          wholeRun.closedByServer(),
          wholeRun.errors());
    }
    if (server.count() > 1) {
      row(
          "server frames/s",
          "%,.0f sent (its own counter), lagging subscriptions max %d, clients min %,d",
          server.framesSent() / server.spanSeconds(),
          server.laggingMax(),
          server.clientsMin());
      row(
          "server heap used",
          "min %,.0f / avg %,.0f / max %,.0f MB of %,.0f MB (%d readings)",
          server.heapMinMb(),
          server.heapMeanMb(),
          server.heapMaxMb(),
          server.heapLimitMb(),
          server.count());
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (!Double.isNaN(window.serverCpuSeconds())) {
      row(
          "server CPU",
          "%.0f%% of one core (machine: %d cores, shared with this generator)",
          100 * window.serverCpuSeconds() / s,
          cores);
      row("  busiest threads", "%s", threads(window.serverThreads(), s));
      // The fan-out's cost: what the server spends per step that reaches a client.
      row(
          "server CPU per step",
          "%.2f µs per delivered step (%,d delivered); %.2f µs per made step",
          1e6 * window.serverCpuSeconds() / Math.max(1, got.steps()),
          got.steps(),
          Double.isNaN(window.stepsMadePerSecond())
              ? Double.NaN
              : 1e6 * window.serverCpuSeconds() / Math.max(1, window.stepsMadePerSecond() * s));
    }
    row("load generator CPU", "%.0f%% of one core", 100 * window.loadCpuSeconds() / s);
    row("  busiest threads", "%s", threads(window.loadThreads(), s));
    if (!Double.isNaN(window.machineBusySeconds())) {
      double serverCpu = Double.isNaN(window.serverCpuSeconds()) ? 0 : window.serverCpuSeconds();
      row(
          "machine CPU",
          "%.0f%% of %d cores busy; other work (not the server, not this generator) %.0f%% of one"
              + " core",
          100 * window.machineBusySeconds() / s / cores,
          cores,
          Math.max(
              0, 100 * (window.machineBusySeconds() - serverCpu - window.loadCpuSeconds()) / s));
    }
  }

  private void row(String label, String format, Object... args) {
    out.printf(Locale.ROOT, "%-22s %s%n", label, String.format(Locale.ROOT, format, args));
  }

  /** The value at {@code fraction} of an ascending list (0: min, 1: max). */
  private static double rank(List<Long> ascending, double fraction) {
    if (ascending.isEmpty()) {
      return Double.NaN;
    }
    return ascending.get((int) Math.round(fraction * (ascending.size() - 1)));
  }

  private static String threads(List<ProcessCpu.ThreadTicks> busiest, double seconds) {
    StringBuilder text = new StringBuilder();
    for (ProcessCpu.ThreadTicks thread : busiest) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%s %.0f%%",
              thread.name(),
              100 * thread.ticks() / ProcessCpu.TICKS_PER_SECOND / seconds));
    }
    return text.length() == 0 ? "(none)" : text.toString();
  }
}
