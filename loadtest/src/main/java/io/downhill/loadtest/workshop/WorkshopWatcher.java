package io.downhill.loadtest.workshop;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One WebSocket client: counts frames and steps, records latency, checks sequence numbers.
 *
 * <p>The instructor and every participant of {@link WorkshopLoad} are one of these each; the
 * reading of frames lives here, apart from the driving of the workshop, so that {@link
 * WorkshopLoad} reads as the test's phases and {@link WorkshopReport} only reads the counts.
 */
final class WorkshopWatcher {
  final WebSocket socket;
  final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
  final java.util.Map<String, Long> lastSeq = new java.util.HashMap<>();
  volatile long frames;
  volatile long steps;
  volatile long gaps;
  volatile long skipped;

  private WorkshopWatcher(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(this::onFrame);
  }

  static WorkshopWatcher open(WebSocketClient client, URI server, String name) throws Exception {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(server.getHost())
            .setPort(server.getPort())
            .setURI("/ws");
    return new WorkshopWatcher(
        client
            .connect(options)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS));
  }

  synchronized void onFrame(String text) {
    double now = System.currentTimeMillis();
    frames++;
    JsonArray messages = new JsonObject(text).getJsonArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      String type = m.getString("type");
      if ("steps".equals(type) || "skipped".equals(type)) {
        String session = m.getString("session");
        Long previous = lastSeq.get(session);
        if (previous != null && m.getLong("firstSeq") != previous + 1) {
          gaps++;
        }
        lastSeq.put(session, m.getLong("seq"));
        if ("skipped".equals(type)) {
          skipped += m.getLong("count");
        } else {
          steps += m.getJsonArray("steps").size();
          latency.recordValue(Math.max(0, Math.round((now - m.getDouble("at")) * 1000)));
        }
      } else if ("state".equals(type)) {
        String session = m.getString("session");
        Long previous = lastSeq.get(session);
        if (previous == null || m.getLong("seq") > previous) {
          lastSeq.put(session, m.getLong("seq"));
        }
      }
    }
  }

  synchronized void reset() {
    frames = 0;
    steps = 0;
    latency.reset();
  }

  void send(JsonObject message) throws Exception {
    socket
        .writeTextMessage(message.encode())
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  void close() {
    socket.close();
  }
}
