package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.downhill.loadtest.SessionCreator.Creation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The step-request load test: a room of participants clicking Step. Creates {@code --sessions}
 * notebook sessions over REST, then every participant asks its own session for {@code --steps}
 * steps ({@code POST /api/sessions/{id}/steps}) and asks again as soon as the answer arrives. After
 * the warm-up it measures a window: requests and session-steps per second, each request's latency,
 * the server's CPU per request and per step, and how many threads and processes the machine started
 * meanwhile. Every answer is checked (its step number must be the last one plus the steps asked),
 * and so is each session's step count after the room stops. {@code loadtest/run-steps.sh} starts
 * and stops the server around it.
 *
 * <p>Exits 0 when every check passed, 1 when one failed, 2 on a bad command line or a failed step.
 */
public final class StepLoad {
  private static final String PRESET = "notebook";
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final StepOptions options;
  private final PrintStream out;

  private StepLoad(StepOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    StepOptions options =
        CommandLines.parseOrExit("step load", args, StepOptions::parse, StepOptions.Flags::new);
    int exit;
    try {
      exit = new StepLoad(options, System.out).run();
    } catch (RuntimeException e) {
      System.err.println("step load failed: " + e.getMessage());
      exit = 2;
    }
    System.exit(exit);
  }

  private int run() throws RuntimeException {
    out.printf(
        Locale.ROOT,
        "Downhill step load: %d participants, each asking its own session for %d steps at a time;"
            + " warm-up %d s, window %d s, server pid %d at %s%n",
        options.sessions(),
        options.steps(),
        options.warmup().toSeconds(),
        options.duration().toSeconds(),
        options.serverPid(),
        options.url());
    // One event loop: a participant's work between two requests is a few microseconds, and the
    // server needs the machine's other core more than this generator does.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    // A connection per participant: a request never waits in this client for another's answer.
    ServerApi api = new ServerApi(vertx, options.url(), options.sessions());
    try {
      Creation creation =
          new SessionCreator(vertx, api, Math.min(64, options.sessions()), out)
              .create(options.sessions(), PRESET);
      if (creation.sessions().size() != options.sessions()) {
        throw new IllegalStateException(
            "created "
                + creation.sessions().size()
                + " of "
                + options.sessions()
                + " sessions: "
                + creation.firstError());
      }
      StepRoom room = new StepRoom(api, creation.sessions(), options.steps());
      room.start();
      sleep(options.warmup());
      StepReport.Edge open = edge(room);
      room.latencySinceLast(); // the warm-up's latencies are not the window's
      for (long s = 1; s <= options.duration().toSeconds(); s++) {
        sleep(Duration.ofSeconds(1));
        StepRoom.Counts now = room.counts();
        out.printf(
            Locale.ROOT,
            "  t=%2ds answers=%d steps=%d errors=%d%n",
            s,
            now.answers() - open.room().answers(),
            now.stepsMade() - open.room().stepsMade(),
            room.errors());
      }
      StepReport.Edge close = edge(room);
      Histogram latency = room.latencySinceLast();
      room.stop();
      drain(room);
      List<String> lost = checkFinalSteps(api, creation.sessions(), room.lastSteps());
      boolean passed =
          new StepReport(out, options).print(open, close, latency, room, lost, creation);
      deleteAll(api, creation.sessions());
      return passed ? 0 : 1;
    } finally {
      api.close();
      Await.quietly(vertx.close(), Duration.ofSeconds(10), "stopping Vert.x", "step load");
    }
  }

  private StepReport.Edge edge(StepRoom room) {
    return new StepReport.Edge(
        room.counts(),
        options.serverPid() > 0 ? ProcessCpu.read(options.serverPid()) : ProcessCpu.Reading.EMPTY,
        ProcessCpu.read(ProcessHandle.current().pid()),
        ProcessCpu.machineBusyTicks(),
        StepReport.lastTask());
  }

  /** Waits until no request of the room is in flight. */
  private static void drain(StepRoom room) {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (room.inFlight() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            room.inFlight() + " requests still unanswered " + DRAIN_TIMEOUT.toSeconds() + " s on");
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /**
   * Each session's step number as the server tells it now, against the last answer it gave: a
   * difference is a step made but never answered, or answered but not kept.
   */
  private static List<String> checkFinalSteps(
      ServerApi api, List<CreatedSession> sessions, List<Long> answered) {
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      long stored = Await.result(api.step(sessions.get(i)), Duration.ofSeconds(30), "reading");
      if (stored != answered.get(i)) {
        differing.add(sessions.get(i).id() + ": " + stored + " != answered " + answered.get(i));
      }
    }
    return differing;
  }

  private static void deleteAll(ServerApi api, List<CreatedSession> sessions) {
    List<Future<Void>> deleted = sessions.stream().map(api::delete).toList();
    Await.result(Future.join(deleted), Duration.ofSeconds(60), "deleting the sessions");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
