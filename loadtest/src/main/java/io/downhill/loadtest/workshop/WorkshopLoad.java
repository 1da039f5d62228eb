package io.downhill.loadtest.workshop;

import io.downhill.loadtest.CommandLines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One workshop under load: {@code --participants} people join with the code, each opens a WebSocket
 * on their own session and runs it, while one instructor connection watches the workshop and every
 * participant's session. Measures what reaches the instructor's screen — frames and steps per
 * second, step-to-screen latency (receipt time minus the time the step was made) — the same latency
 * for the participants, sequence gaps, and the server's heap. Every loop is bounded in count and
 * time; traffic goes to the given (loopback) server only.
 */
public final class WorkshopLoad {
  private WorkshopLoad() {}

  public static void main(String[] args) throws Exception {
    Options options = CommandLines.parseOrExit("workshop load", args, Options::parse, Options::new);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    URI server = URI.create(options.url);
    WebClient http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(server.getHost())
                .setDefaultPort(server.getPort()));
    WebSocketClient sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxMessageSize(1 << 20)
                .setMaxConnections(options.participants + 1));
    int status = 0;
    try {
      JsonObject workshop =
          call(
              http.post("/api/workshops").sendJsonObject(new JsonObject().put("title", "Load")),
              201);
      String id = workshop.getString("id");
      String instructorToken = workshop.getString("instructorToken");
      String code = workshop.getString("code");
      System.out.printf(
          Locale.ROOT,
          "workshop %s, code %s; %d participants join…%n",
          id,
          code,
          options.participants);

      List<JsonObject> joined = new ArrayList<>();
      for (int i = 0; i < options.participants; i++) {
        joined.add(
            call(
                http.post("/api/workshops/join")
                    .sendJsonObject(new JsonObject().put("code", code).put("name", "P" + i)),
                200));
      }

      WorkshopWatcher instructor = WorkshopWatcher.open(sockets, server, "instructor");
      instructor.send(
          new JsonObject()
              .put("type", "subscribe")
              .put("workshop", id)
              .put("token", instructorToken));
      List<WorkshopWatcher> participants = new ArrayList<>();
      for (JsonObject p : joined) {
        WorkshopWatcher watcher = WorkshopWatcher.open(sockets, server, p.getString("participant"));
        watcher.send(
            new JsonObject().put("type", "subscribe").put("session", p.getString("session")));
        participants.add(watcher);
      }
      // The instructor's connection may send 50 commands a second: subscribe at 40 a second.
      for (JsonObject p : joined) {
        instructor.send(
            new JsonObject().put("type", "subscribe").put("session", p.getString("session")));
        Thread.sleep(25);
      }
      System.out.printf(
          Locale.ROOT,
          "instructor watches %d sessions; runs start at %.0f steps/s each%n",
          joined.size(),
          options.stepsPerSecond);
      for (JsonObject p : joined) {
        call(
            http.post("/api/sessions/" + p.getString("session") + "/run")
                .putHeader("Authorization", "Bearer " + p.getString("token"))
                .sendJsonObject(
                    new JsonObject()
                        .put("count", 10_000_000)
                        .put("stepsPerSecond", options.stepsPerSecond)),
            200);
      }

      Thread.sleep(options.warmup.toMillis());
      instructor.reset();
      participants.forEach(WorkshopWatcher::reset);
      long heapMax = 0;
      long heapSum = 0;
      int samples = 0;
      long started = System.nanoTime();
      long machineBusyAtStart = io.downhill.loadtest.ProcessCpu.machineBusyTicks();
      long end = started + options.duration.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(1000);
        JsonObject metrics = call(http.get("/api/metrics").send(), 200);
        long heap = metrics.getLong("heapUsedBytes");
        heapMax = Math.max(heapMax, heap);
        heapSum += heap;
        samples++;
        System.out.printf(
            Locale.ROOT,
            "  t=%2ds instructor frames=%d steps=%d p99=%.1f ms heap=%d MB%n",
            samples,
            instructor.frames,
            instructor.steps,
            instructor.latency.getValueAtPercentile(99) / 1000.0,
            heap >> 20);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long machineBusyTicks =
          io.downhill.loadtest.ProcessCpu.machineBusyTicks() - machineBusyAtStart;

      WorkshopReport report =
          new WorkshopReport(
              options,
              instructor,
              participants,
              seconds,
              machineBusyAtStart,
              machineBusyTicks,
              heapSum,
              heapMax,
              samples);
      call(
          http.post("/api/workshops/" + id + "/pause-all")
              .putHeader("Authorization", "Bearer " + instructorToken)
              .send(),
          200);
      call(
          http.delete("/api/workshops/" + id)
              .putHeader("Authorization", "Bearer " + instructorToken)
              .send(),
          200);
      status = report.print();
      instructor.close();
      participants.forEach(WorkshopWatcher::close);
    } finally {
      http.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.exit(status);
  }

  private static JsonObject call(Future<HttpResponse<Buffer>> request, int expected)
      throws Exception {
    HttpResponse<Buffer> response =
        request.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "HTTP " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The command line, read by picocli and checked here. */
  @Command(
      name = "WorkshopLoad",
      mixinStandardHelpOptions = true,
      version = "Downhill load tests 0.1.0",
      sortOptions = false,
      description = "One workshop under load: participants join, each runs their own session.")
  static final class Options {
    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "the server (default ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:8080";

    @Option(
        names = "--participants",
        paramLabel = "N",
        description = "people who join, 1 to 1000 (default ${DEFAULT-VALUE})")
    String participantsFlag = "300";

    @Option(
        names = "--steps-per-second",
        paramLabel = "S",
        description = "each participant's pace (default ${DEFAULT-VALUE})")
    double stepsPerSecond = 30;

    @Option(
        names = "--duration",
        paramLabel = "D",
        description = "measurement window, e.g. 30s, 2m (default ${DEFAULT-VALUE})")
    String durationFlag = "30s";

    @Option(
        names = "--warmup",
        paramLabel = "D",
        description = "runs go this long before the window opens (default ${DEFAULT-VALUE})")
    String warmupFlag = "5s";

    int participants;
    Duration duration;
    Duration warmup;

    static Options parse(String[] args) {
      Options o = CommandLines.read(new Options(), args);
      CommandLines.loopback(o.url);
      o.participants = CommandLines.whole("--participants", o.participantsFlag, 1, 1000);
      o.duration = CommandLines.window(o.durationFlag);
      o.warmup = CommandLines.warmup(o.warmupFlag);
      if (!(o.stepsPerSecond > 0)) {
        throw new IllegalArgumentException("--steps-per-second must be above 0");
      }
      return o;
    }
  }
}
