package io.downhill.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Instant;
import java.util.Set;
import org.HdrHistogram.Recorder;

/**
 * One WebSocket client watching one session, as a browser would. It counts what arrives (frames,
 * messages, steps, skipped steps), checks the session's sequence numbers, and records the latency
 * of every {@code steps} message: its arrival wall time minus {@code at}, when the last of its
 * steps was made. All of it runs on the event loop the client was opened on; the counters are read
 * there too ({@link #counts}).
 */
final class StreamWatcher {
  /** Latencies are recorded in microseconds, up to an hour. */
  static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  private static final Set<String> RUN_ENDS = Set.of("run-finished", "diverged", "stopped");

  private final int index;
  private final String session;
  private final Recorder latency;
  private final SeqTracker sequence = new SeqTracker();
  private WebSocket socket;
  private Promise<Void> subscribed;
  private boolean closing;
  private long frames;
  private long characters;
  private long messages;
  private long stepMessages;
  private long steps;
  private long stepEvents;
  private long skippedMessages;
  private long skippedSteps;
  private long stateMessages;
  private long runsEnded;
  private long errors;
  private String closedByServer;

  StreamWatcher(int index, String session, Recorder latency) {
    this.index = index;
    this.session = session;
    this.latency = latency;
  }

  /** Connects and subscribes; completes once the server confirmed the subscription. */
  Future<Void> open(Vertx vertx, WebSocketClient client, WebSocketConnectOptions options) {
    subscribed = Promise.promise();
    long timer =
        vertx.setTimer(
            30_000, id -> subscribed.tryFail("client " + index + ": no subscription within 30 s"));
    client
        .connect(options)
        .onSuccess(this::connected)
        .onFailure(failure -> subscribed.tryFail(failure));
    return subscribed.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private void connected(WebSocket opened) {
    socket = opened;
    socket.textMessageHandler(this::onFrame);
    socket.exceptionHandler(failure -> subscribed.tryFail(failure));
    socket.closeHandler(
        ignored -> {
          if (!closing) {
            closedByServer = socket.closeStatusCode() + " " + socket.closeReason();
            subscribed.tryFail("client " + index + " closed by the server: " + closedByServer);
          }
        });
    socket.writeTextMessage(
        "{\"type\":\"subscribe\",\"session\":\"" + session + "\",\"requestId\":" + index + "}");
  }

  private void onFrame(String frame) {
    Instant now = Instant.now();
    double nowMillis = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    frames++;
    characters += frame.length();
    FrameReader.read(frame, message -> onMessage(message, nowMillis));
  }

  private void onMessage(StreamMessage message, double receivedAtMillis) {
    messages++;
    switch (message.type() == null ? "" : message.type()) {
      case "steps" -> {
        stepMessages++;
        steps += message.steps();
        stepEvents += message.seq() - message.firstSeq() + 1;
        long micros = Math.round((receivedAtMillis - message.at()) * 1000.0);
        latency.recordValue(Math.max(0, Math.min(MAX_LATENCY_MICROS, micros)));
      }
      case "skipped" -> {
        skippedMessages++;
        skippedSteps += message.steps();
      }
      case "state" -> {
        stateMessages++;
        if (RUN_ENDS.contains(message.detail())) {
          runsEnded++;
        }
      }
      case "reply" -> {
        if ("subscribe".equals(message.detail())) {
          subscribed.tryComplete();
        }
      }
      case "error" -> {
        errors++;
        subscribed.tryFail("client " + index + " was refused: " + message.detail());
      }
      default -> {
        // other messages carry nothing this test measures
      }
    }
    if (session.equals(message.session())) {
      sequence.observe(message);
    }
  }

  /** What this client received so far; call on its event loop. */
  WatcherCounts counts() {
    return new WatcherCounts(
        frames,
        characters,
        messages,
        stepMessages,
        steps,
        stepEvents,
        skippedMessages,
        skippedSteps,
        stateMessages,
        runsEnded,
        sequence.gaps(),
        sequence.missingEvents(),
        sequence.stale(),
        errors,
        closedByServer == null ? 0 : 1);
  }

  /** Closes the connection (a normal close handshake); completes once it is closed. */
  Future<Void> close() {
    closing = true;
    if (socket == null || socket.isClosed()) {
      return Future.succeededFuture();
    }
    return socket.close();
  }
}
