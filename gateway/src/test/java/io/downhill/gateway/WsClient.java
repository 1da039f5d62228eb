package io.downhill.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: frames are queued as they arrive and read with a timeout. */
final class WsClient implements AutoCloseable {
  final WebSocket socket;
  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();

  /** The length of each frame's text as it arrived, in characters. */
  final BlockingQueue<Integer> frameLengths = new LinkedBlockingQueue<>();

  volatile Short closeStatus;
  volatile String closeReason;

  private WsClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(
        text -> {
          JsonObject frame = new JsonObject(text);
          frameLengths.add(text.length());
          frames.add(frame);
          JsonArray list = frame.getJsonArray("messages");
          for (int i = 0; i < list.size(); i++) {
            messages.add(list.getJsonObject(i));
          }
        });
    socket.closeHandler(
        ignored -> {
          closeStatus = socket.closeStatusCode();
          closeReason = socket.closeReason();
        });
  }

  static WsClient connect(Vertx vertx, int port, String origin) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/ws");
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    try {
      return open(vertx, options);
    } catch (java.util.concurrent.CompletionException e) {
      // On a machine loaded far beyond its cores a handshake has been seen to drop once; a
      // refused one (403) fails the same way twice, so one more try hides no refusal.
      return open(vertx, options);
    }
  }

  private static WsClient open(Vertx vertx, WebSocketConnectOptions options) {
    WebSocket socket =
        vertx
            .createWebSocketClient()
            .connect(options)
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    return new WsClient(socket);
  }

  void send(JsonObject message) {
    socket.writeTextMessage(message.encode()).toCompletionStage().toCompletableFuture().join();
  }

  /** The next message matching {@code test}, skipping others; fails after {@code timeout}. */
  JsonObject next(Predicate<JsonObject> test, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject message = messages.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new AssertionError("no matching message within " + timeout);
        }
        if (test.test(message)) {
          return message;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  JsonObject next(String type) {
    return next(m -> type.equals(m.getString("type")), Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
  }
}
