package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watching and driving sessions over a real WebSocket against a real server. */
class WebSocketTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of("downhill.gateway.allowed-origins", List.of("http://trusted.example")));

  @Test
  void watcherReceivesEveryStepBatchedWithConsecutiveSequenceNumbers() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(new JsonObject().put("type", "subscribe").put("session", id).put("requestId", 1));
      JsonObject reply = ws.next("reply");
      assertThat(reply.getInteger("requestId")).isEqualTo(1);
      JsonObject initial = ws.next("state");
      assertThat(initial.getString("change")).isEqualTo("subscribed");
      assertThat(initial.getJsonObject("state").containsKey("token")).isFalse();

      server.send(
          "POST", "/api/sessions/" + id + "/run", created.getString("token"), "{\"count\":3000}");
      long expectedStep = 1;
      long lastSeq = initial.getLong("seq");
      int stepMessages = 0;
      while (true) {
        JsonObject message =
            ws.next(m -> !"reply".equals(m.getString("type")), Duration.ofSeconds(20));
        long first = message.getLong("firstSeq", message.getLong("seq"));
        assertThat(first).isEqualTo(lastSeq + 1);
        lastSeq = message.getLong("seq");
        if ("steps".equals(message.getString("type"))) {
          stepMessages++;
          JsonArray steps = message.getJsonArray("steps");
          for (int i = 0; i < steps.size(); i++) {
            JsonObject step = steps.getJsonObject(i);
            assertThat(step.getLong("step")).isEqualTo(expectedStep++);
            assertThat(step.getDouble("loss")).isNotNull();
          }
        } else if ("run-finished".equals(message.getString("change"))) {
          break;
        }
      }
      assertThat(expectedStep - 1).isEqualTo(3000);
      // Several steps go in one message: far fewer messages than steps.
      assertThat(stepMessages).isLessThan(3000 / 4);
      assertThat(ws.frames.size()).isLessThan(3000 / 4);
    }
  }

  @Test
  void secondWatcherSharesTheFeedAndGetsTheLatestState() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    try (WsClient a = WsClient.connect(server.vertx(), server.port(), null);
        WsClient b = WsClient.connect(server.vertx(), server.port(), null)) {
      a.send(new JsonObject().put("type", "subscribe").put("session", id));
      a.next("state");
      b.send(new JsonObject().put("type", "subscribe").put("session", id));
      assertThat(b.next("state").getJsonObject("state").getString("id")).isEqualTo(id);
      server.send(
          "POST", "/api/sessions/" + id + "/steps", created.getString("token"), "{\"count\":5}");
      assertThat(a.next("steps").getJsonArray("steps")).isNotEmpty();
      assertThat(b.next("steps").getJsonArray("steps")).isNotEmpty();
      assertThat(server.downhill().gateway().webSockets().feedCount()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void drivingOverTheSocketNeedsTheToken() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(
          new JsonObject()
              .put("type", "step")
              .put("session", id)
              .put("count", 2)
              .put("requestId", "a"));
      JsonObject refused = ws.next("error");
      assertThat(refused.getString("requestId")).isEqualTo("a");
      assertThat(refused.getString("field")).isEqualTo("token");
      ws.send(
          new JsonObject()
              .put("type", "step")
              .put("session", id)
              .put("count", 2)
              .put("token", "wrong")
              .put("requestId", "b"));
      assertThat(ws.next("error").getInteger("status")).isEqualTo(403);
      ws.send(
          new JsonObject()
              .put("type", "step")
              .put("session", id)
              .put("count", 2)
              .put("token", created.getString("token"))
              .put("requestId", "c"));
      JsonObject reply = ws.next("reply");
      assertThat(reply.getJsonObject("result").getJsonArray("steps")).hasSize(2);
      ws.send(
          new JsonObject()
              .put("type", "lr")
              .put("session", id)
              .put("lr", 0.5)
              .put("token", created.getString("token")));
      assertThat(ws.next("reply").getJsonObject("result").getDouble("lr")).isEqualTo(0.5);
    }
  }

  @Test
  void badMessagesGetErrorsNamingTheField() {
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.socket.writeTextMessage("{not json");
      assertThat(ws.next("error").getInteger("status")).isEqualTo(400);
      ws.send(new JsonObject().put("type", "fly"));
      assertThat(ws.next("error").getString("field")).isEqualTo("type");
      ws.send(new JsonObject().put("type", "subscribe").put("session", "missing"));
      assertThat(ws.next("error").getInteger("status")).isEqualTo(404);
      ws.socket.writeTextMessage(
          "{\"type\":\"step\",\"session\":\"x\",\"token\":\"t\",\"count\":1e400}");
      assertThat(ws.next("error").getString("field")).isEqualTo("count");
    }
  }

  @Test
  void foreignOriginIsRefusedAndAllowedOriginsPass() {
    assertThatThrownBy(() -> WsClient.connect(server.vertx(), server.port(), "http://evil.example"))
        .isNotNull();
    var handshake =
        server
            .http()
            .get("/ws")
            .putHeader("Upgrade", "websocket")
            .putHeader("Connection", "Upgrade")
            .putHeader("Sec-WebSocket-Version", "13")
            .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .putHeader("Origin", "http://evil.example")
            .send()
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    assertThat(handshake.statusCode()).isEqualTo(403);
    assertThat(handshake.bodyAsJsonObject().getString("field")).isEqualTo("Origin");
    try (WsClient trusted =
        WsClient.connect(server.vertx(), server.port(), "http://trusted.example")) {
      assertThat(trusted.socket.isClosed()).isFalse();
    }
    try (WsClient same =
        WsClient.connect(server.vertx(), server.port(), "http://localhost:" + server.port())) {
      assertThat(same.socket.isClosed()).isFalse();
    }
  }
}
