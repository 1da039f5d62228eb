package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Recorder;

/**
 * The streaming load test: many real WebSocket clients watching running sessions. It creates the
 * sessions over HTTP, opens the clients (client {@code i} watches session {@code i % sessions}),
 * starts the runs, lets them warm up, then measures for a fixed window what the clients receive
 * (frames/s, steps/s, step-to-client latency, coalescing, sequence gaps) and what the server spends
 * (heap, CPU). Finally it pauses the runs, closes the clients, deletes the sessions and prints a
 * summary.
 *
 * <p>Exits 0 on success, 1 when a client saw a sequence gap no {@code skipped} message covered, 2
 * on a bad command line or a failed setup, 3 when it overran its own time limit.
 */
public final class StreamLoad {
  /** How long each setup phase (creating, opening, starting, pausing) may take. */
  static final Duration SETUP_TIMEOUT = Duration.ofSeconds(120);

  private final LoadOptions options;
  private final PrintStream out;

  private StreamLoad(LoadOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    LoadOptions options =
        CommandLines.parseOrExit("stream load", args, LoadOptions::parse, LoadOptions.Flags::new);
    startWatchdog(options);
    int exit;
    try {
      exit = new StreamLoad(options, System.out).run();
    } catch (RuntimeException e) {
      System.err.println("stream load failed: " + e.getMessage());
      exit = 2;
    }
    System.exit(exit);
  }

  /** Stops the whole process if, for any reason, the test runs far past its planned length. */
  private static void startWatchdog(LoadOptions options) {
    long limitSeconds = options.warmupSeconds() + options.durationSeconds() + 600L;
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(limitSeconds * 1000);
                System.err.println("stream load: still running after " + limitSeconds + " s");
                Runtime.getRuntime().halt(3);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "stream-load-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private int run() {
    out.printf(
        Locale.ROOT,
        "Downhill stream load: %,d clients, %,d sessions, %s, warm-up %d s, window %d s, at %s%n",
        options.clients(),
        options.sessions(),
        options.stepsPerSecond() == 0
            ? "runs at full speed"
            : String.format(Locale.ROOT, "runs at %,.0f steps/s", options.stepsPerSecond()),
        options.warmupSeconds(),
        options.durationSeconds(),
        options.url());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
    ServerApi api = new ServerApi(vertx, options.url());
    List<CreatedSession> sessions = List.of();
    List<String> deployments = new ArrayList<>();
    try {
      sessions = createSessions(api);
      Recorder latency = new Recorder(StreamWatcher.MAX_LATENCY_MICROS, 3);
      List<WatcherGroup> groups = openClients(vertx, sessions, latency, deployments);
      StreamRuns runs = new StreamRuns(options, vertx, api, out);
      int notStarted = runs.start(sessions);
      Measurement measurement = new Measurement(options, api, groups, sessions, latency, out);
      WindowResult window = measurement.run();
      runs.pause(sessions);
      sleep(Duration.ofMillis(500)); // the last frames of the runs arrive
      WatcherCounts wholeRun = Measurement.sum(measurement.clientCounts());
      new StreamReport(options, out).print(window, wholeRun, notStarted);
      PaceVerdict pace = pace(window);
      out.printf(Locale.ROOT, "%-22s %s%n", "steps made / asked", pace.describe());
      if (pace.failed()) {
        out.println("FAILED: the server made less than it was asked while the machine had CPU");
        return 1;
      }
      if (wholeRun.gaps() > 0) {
        out.println("FAILED: clients saw sequence gaps that no skipped message covered");
        return 1;
      }
      if (notStarted > 0) {
        out.println("FAILED: " + notStarted + " runs never started; the figures are for the rest");
        return 2;
      }
      return 0;
    } finally {
      cleanUp(vertx, api, sessions, deployments);
    }
  }

  /** The window's steps made against those asked (every session at the run's rate). */
  private PaceVerdict pace(WindowResult window) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new PaceVerdict(
        options.stepsPerSecond() * options.sessions(),
        window.stepsMadePerSecond(),
        window.machineBusySeconds() / window.seconds() / cores);
  }

  private List<CreatedSession> createSessions(ServerApi api) {
    long started = System.nanoTime();
    List<Future<CreatedSession>> created = new ArrayList<>();
    for (int i = 0; i < options.sessions(); i++) {
      created.add(api.createSession());
    }
    List<CreatedSession> sessions = new ArrayList<>();
    for (Future<CreatedSession> session : created) {
      sessions.add(Await.result(session, SETUP_TIMEOUT, "creating a session"));
    }
    out.printf(Locale.ROOT, "created %d sessions in %.1f s%n", sessions.size(), seconds(started));
    return sessions;
  }

  /** Spreads the clients over one group per event loop and waits until all are subscribed. */
  private List<WatcherGroup> openClients(
      Vertx vertx, List<CreatedSession> sessions, Recorder latency, List<String> deployments) {
    long started = System.nanoTime();
    int loops = options.eventLoops();
    List<List<StreamWatcher>> slices = new ArrayList<>();
    for (int g = 0; g < loops; g++) {
      slices.add(new ArrayList<>());
    }
    for (int i = 0; i < options.clients(); i++) {
      String session = sessions.get(i % sessions.size()).id();
      slices.get(i % loops).add(new StreamWatcher(i, session, latency));
    }
    int perGroup = Math.max(1, options.maxConnecting() / loops);
    List<WatcherGroup> groups = new ArrayList<>();
    List<Future<String>> deployed = new ArrayList<>();
    for (List<StreamWatcher> slice : slices) {
      WatcherGroup group = new WatcherGroup(options.url(), slice, perGroup);
      groups.add(group);
      deployed.add(vertx.deployVerticle(group));
    }
    for (Future<String> deployment : deployed) {
      // a group that failed still counts, so that clean-up closes the clients it did open
      deployment.onSuccess(deployments::add);
    }
    for (Future<String> deployment : deployed) {
      Await.result(deployment, SETUP_TIMEOUT, "opening the WebSocket clients");
    }
    out.printf(
        Locale.ROOT,
        "opened and subscribed %,d clients in %.1f s%n",
        options.clients(),
        seconds(started));
    return groups;
  }

  /** Best effort, bounded: close the clients, delete the sessions, stop Vert.x. */
  private void cleanUp(
      Vertx vertx, ServerApi api, List<CreatedSession> sessions, List<String> deployments) {
    List<Future<?>> steps = new ArrayList<>();
    for (String deployment : deployments) {
      steps.add(vertx.undeploy(deployment));
    }
    quietly(Future.join(steps), "closing the clients");
    steps.clear();
    for (CreatedSession session : sessions) {
      steps.add(api.delete(session));
    }
    quietly(Future.join(steps), "deleting the sessions");
    api.close();
    quietly(vertx.close(), "stopping Vert.x");
  }

  private void quietly(Future<?> future, String what) {
    try {
      Await.result(future, Duration.ofSeconds(30), what);
    } catch (IllegalStateException e) {
      System.err.println("stream load: " + e.getMessage());
    }
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
