package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebSocket connection has a bounded number of commands waiting for their answers: past it the
 * next command is refused with a 429 naming the limit, and once the answers are in it is served
 * again.
 */
class CommandsInFlightTest {
  static final int LIMIT = 4;
  static final int BURST = 40;

  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.max-commands-in-flight",
              LIMIT,
              "downhill.gateway.max-commands-per-second",
              1000));

  private static byte[] state(String session, int requestId) {
    String text =
        new JsonObject()
            .put("type", "state")
            .put("session", session)
            .put("requestId", requestId)
            .encode();
    return RawWebSocket.frame(RawWebSocket.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBurstBeyondTheLimitIsRefusedAndTheConnectionIsServedOnceAnswered() throws Exception {
    String id = server.create("{}").getString("id");
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      // Every command in one write: the server reads them all before any answer can come back.
      ByteArrayOutputStream burst = new ByteArrayOutputStream();
      for (int i = 0; i < BURST; i++) {
        burst.write(state(id, i));
      }
      ws.socket.getOutputStream().write(burst.toByteArray());
      List<JsonObject> answers = new ArrayList<>();
      while (answers.size() < BURST) {
        JsonArray messages = new JsonObject(ws.readText()).getJsonArray("messages");
        for (int i = 0; i < messages.size(); i++) {
          answers.add(messages.getJsonObject(i));
        }
      }
      List<JsonObject> replies =
          answers.stream().filter(a -> a.getString("type").equals("reply")).toList();
      List<JsonObject> refused =
          answers.stream().filter(a -> a.getString("type").equals("error")).toList();
      // Every command got exactly one answer; at least the limit of them were served.
      assertThat(replies.size() + refused.size()).isEqualTo(BURST);
      assertThat(replies.size()).isGreaterThanOrEqualTo(LIMIT);
      assertThat(refused).isNotEmpty();
      assertThat(refused.get(0).getInteger("status")).isEqualTo(429);
      assertThat(refused.get(0).getString("error"))
          .contains("at most " + LIMIT + " commands in flight");
      // Answered: the connection takes commands again.
      ws.socket.getOutputStream().write(state(id, 999));
      JsonObject next = new JsonObject(ws.readText()).getJsonArray("messages").getJsonObject(0);
      assertThat(next.getString("type")).isEqualTo("reply");
      assertThat(next.getInteger("requestId")).isEqualTo(999);
    }
  }
}
