package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The measurement: ticks about once a second through the warm-up and then the window, printing a
 * line a tick (frames/s, steps/s, that second's latency, the server's heap). At the window's two
 * edges it snapshots what every client has received, the CPU time of both processes and the
 * sessions' step numbers; the window's figures are the differences.
 *
 * <p>Nothing the server does can stall the loop: the window is measured by the clock, the server's
 * metrics are read asynchronously (each reading timed when it arrives), and so are the sessions'
 * step numbers, which a saturated server may take seconds to give.
 */
final class Measurement {
  private static final long SECOND = 1_000_000_000L;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration STEPS_TIMEOUT = Duration.ofSeconds(60);

  private final LoadOptions options;
  private final ServerApi api;
  private final List<WatcherGroup> groups;
  private final List<CreatedSession> sessions;
  private final Recorder latency;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private volatile ServerMetrics latestMetrics;

  /** What every client had received at one instant. */
  private record Tick(long nanos, List<WatcherCounts> clients) {}

  /** The sum of the sessions' step numbers, read at about {@code nanos} (± {@code spread}/2). */
  private record StepsReading(long steps, long nanos, long spreadNanos) {}

  /** What one edge of the window saw. */
  private record Edge(
      Tick tick,
      ProcessCpu.Reading server,
      ProcessCpu.Reading self,
      long machineTicks,
      Future<StepsReading> steps) {}

  Measurement(
      LoadOptions options,
      ServerApi api,
      List<WatcherGroup> groups,
      List<CreatedSession> sessions,
      Recorder latency,
      PrintStream out) {
    this.options = options;
    this.api = api;
    this.groups = groups;
    this.sessions = sessions;
    this.latency = latency;
    this.out = out;
  }

  WindowResult run() {
    Histogram second = new Histogram(StreamWatcher.MAX_LATENCY_MICROS, 3);
    latency.getIntervalHistogramInto(second); // drops what came before
    Histogram windowLatency = new Histogram(StreamWatcher.MAX_LATENCY_MICROS, 3);
    ServerSamples server = new ServerSamples();
    Tick last = tick();
    last = tickUntil(started + options.warmup().toNanos(), last, second, null, null);
    Edge opened = edge(last);
    long windowEnd = last.nanos() + options.duration().toNanos();
    latency.getIntervalHistogramInto(second); // the window's latencies start here
    last = tickUntil(windowEnd, last, second, windowLatency, server);
    Edge closed = edge(last);
    return result(opened, closed, windowLatency, server);
  }

  /**
   * Ticks once a second (or at {@code deadline}, whichever comes first) until {@code deadline}. A
   * late tick does not make the next one early: a stalled second shows as one long second.
   *
   * @param window the window's latency histogram, or null during the warm-up
   * @param server the window's metrics readings, or null during the warm-up
   */
  private Tick tickUntil(
      long deadline, Tick previous, Histogram second, Histogram window, ServerSamples server) {
    while (previous.nanos() < deadline) {
      sleepUntil(Math.min(deadline, previous.nanos() + SECOND));
      requestMetrics(server);
      Tick now = tick();
      latency.getIntervalHistogramInto(second);
      if (window != null) {
        window.add(second);
      }
      printSecond(window != null, previous, now, second);
      previous = now;
    }
    return previous;
  }

  private Tick tick() {
    List<WatcherCounts> counts = clientCounts();
    return new Tick(System.nanoTime(), counts);
  }

  /** Asks for the server's metrics without waiting; the reading is timed when it arrives. */
  private void requestMetrics(ServerSamples server) {
    api.metrics()
        .onSuccess(
            metrics -> {
              latestMetrics = metrics;
              if (server != null) {
                server.add(metrics, System.nanoTime());
              }
            });
  }

  private WindowResult result(Edge opened, Edge closed, Histogram latency, ServerSamples server) {
    List<WatcherCounts> first = opened.tick().clients();
    List<WatcherCounts> last = closed.tick().clients();
    List<Long> framesPerClient = new ArrayList<>(last.size());
    for (int i = 0; i < last.size(); i++) {
      framesPerClient.add(last.get(i).frames() - first.get(i).frames());
    }
    framesPerClient.sort(null);
    StepsReading stepsBefore = stepsOrNull(opened);
    StepsReading stepsAfter = stepsOrNull(closed);
    boolean stepsKnown = stepsBefore != null && stepsAfter != null;
    return new WindowResult(
        (closed.tick().nanos() - opened.tick().nanos()) / 1e9,
        sum(last).minus(sum(first)),
        framesPerClient,
        latency,
        stepsKnown
            ? (stepsAfter.steps() - stepsBefore.steps())
                / ((stepsAfter.nanos() - stepsBefore.nanos()) / 1e9)
            : Double.NaN,
        stepsKnown
            ? Math.max(stepsBefore.spreadNanos(), stepsAfter.spreadNanos()) / 1e9
            : Double.NaN,
        server,
        closed.server().secondsSince(opened.server()),
        closed.server().busiestSince(opened.server(), 6),
        closed.self().secondsSince(opened.self()),
        closed.self().busiestSince(opened.self(), 4),
        opened.machineTicks() < 0 || closed.machineTicks() < 0
            ? Double.NaN
            : (closed.machineTicks() - opened.machineTicks()) / ProcessCpu.TICKS_PER_SECOND);
  }

  /** CPU right at the tick; the sessions' step numbers asked for now and collected at the end. */
  private Edge edge(Tick tick) {
    ProcessCpu.Reading server =
        options.serverPid() > 0 ? ProcessCpu.read(options.serverPid()) : ProcessCpu.Reading.EMPTY;
    ProcessCpu.Reading self = ProcessCpu.read(ProcessHandle.current().pid());
    long machine = ProcessCpu.machineBusyTicks();
    return new Edge(tick, server, self, machine, readSteps());
  }

  private Future<StepsReading> readSteps() {
    long asked = System.nanoTime();
    List<Future<Long>> reads = new ArrayList<>();
    for (CreatedSession session : sessions) {
      reads.add(stepRetrying(session, 3));
    }
    return Future.all(reads)
        .map(
            all -> {
              long answered = System.nanoTime();
              long total = 0;
              for (Future<Long> read : reads) {
                total += read.result();
              }
              return new StepsReading(total, (asked + answered) / 2, answered - asked);
            });
  }

  /** A saturated server answers 503 when a session is slow to reply: ask again, a few times. */
  private Future<Long> stepRetrying(CreatedSession session, int attempts) {
    return api.step(session)
        .recover(
            failure ->
                attempts > 1
                        && failure instanceof ServerApi.StatusException refused
                        && refused.status() == 503
                    ? stepRetrying(session, attempts - 1)
                    : Future.failedFuture(failure));
  }

  private StepsReading stepsOrNull(Edge edge) {
    try {
      return Await.result(edge.steps(), STEPS_TIMEOUT, "reading the sessions' steps");
    } catch (IllegalStateException e) {
      out.println("  (steps made unknown: " + e.getMessage() + ")");
      return null;
    }
  }

  /** What every client has received so far, in a fixed order (group by group). */
  List<WatcherCounts> clientCounts() {
    List<Future<List<WatcherCounts>>> reads = new ArrayList<>();
    for (WatcherGroup group : groups) {
      reads.add(group.counts());
    }
    List<WatcherCounts> all = new ArrayList<>(options.clients());
    for (Future<List<WatcherCounts>> read : reads) {
      all.addAll(Await.result(read, READ_TIMEOUT, "reading the clients' counts"));
    }
    return all;
  }

  static WatcherCounts sum(List<WatcherCounts> counts) {
    WatcherCounts total = WatcherCounts.ZERO;
    for (WatcherCounts c : counts) {
      total = total.plus(c);
    }
    return total;
  }

  private void printSecond(boolean inWindow, Tick previous, Tick now, Histogram latency) {
    double seconds = (now.nanos() - previous.nanos()) / 1e9;
    WatcherCounts delta = sum(now.clients()).minus(sum(previous.clients()));
    ServerMetrics metrics = latestMetrics;
    out.println(
        String.format(
            Locale.ROOT,
            "  %5.1fs %-7s frames/s %,7.0f  steps/s %,9.0f  latency p50 %6.1f p99 %6.1f max %6.1f"
                + " ms  skipped %,d%s",
            (now.nanos() - started) / 1e9,
            inWindow ? "window" : "warm-up",
            delta.frames() / seconds,
            delta.steps() / seconds,
            millis(latency, 50),
            millis(latency, 99),
            latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0,
            delta.skippedMessages(),
            metrics == null
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  heap %,.0f MB  lagging %d",
                    metrics.heapUsedBytes() / 1048576.0,
                    metrics.laggingSubscriptions())));
  }

  static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
  }
}
