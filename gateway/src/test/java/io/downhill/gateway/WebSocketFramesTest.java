package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the WebSocket does with frames a well-behaved client never sends. */
class WebSocketFramesTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aTextFrameThatIsNotUtf8ClosesWith1007() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      byte[] payload = utf8("{\"type\":\"state\",\"session\":\"xx\"}");
      payload[payload.length - 3] = (byte) 0xff;
      ws.send(RawWebSocket.TEXT, true, payload);
      assertThat(ws.awaitClose()).isEqualTo(1007);
    }
  }

  @Test
  void aSequenceSplitAcrossFragmentsThatNeverEndsClosesWith1007() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      ws.send(RawWebSocket.TEXT, false, utf8("{\"type\":\"state\",\"session\":\"\u20ac"));
      ws.send(RawWebSocket.CONTINUATION, true, new byte[] {(byte) 0xe2, (byte) 0x82});
      assertThat(ws.awaitClose()).isEqualTo(1007);
    }
  }

  @Test
  void aBinaryFrameClosesWith1003() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      ws.send(RawWebSocket.BINARY, true, utf8("{\"type\":\"state\"}"));
      assertThat(ws.awaitClose()).isEqualTo(1003);
    }
  }

  @Test
  void aFragmentedMessageIsPutTogetherEvenWithACharacterSplitBetweenFragments() throws Exception {
    String id = server.create("{}").getString("id");
    byte[] message =
        utf8(
            new JsonObject()
                .put("type", "state")
                .put("session", id)
                .put("requestId", "d\u00e9j\u00e0-vu \ud83c\udfd4")
                .encode());
    int cut = new String(message, StandardCharsets.UTF_8).indexOf('\u00e9') + 1; // inside é
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      ws.send(RawWebSocket.TEXT, false, Arrays.copyOfRange(message, 0, 10));
      ws.send(RawWebSocket.PING, true, utf8("between fragments"));
      ws.send(RawWebSocket.CONTINUATION, false, Arrays.copyOfRange(message, 10, cut));
      ws.send(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(message, cut, message.length));
      JsonObject reply = new JsonObject(ws.readText()).getJsonArray("messages").getJsonObject(0);
      assertThat(reply.getString("type")).isEqualTo("reply");
      assertThat(reply.getString("requestId")).isEqualTo("d\u00e9j\u00e0-vu \ud83c\udfd4");
      assertThat(reply.getJsonObject("result").getString("id")).isEqualTo(id);
    }
  }

  @Test
  void aMessageOverTheLimitInFragmentsClosesWith1009() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      byte[] chunk = new byte[30_000];
      Arrays.fill(chunk, (byte) ' ');
      ws.send(RawWebSocket.TEXT, false, chunk);
      ws.send(RawWebSocket.CONTINUATION, false, chunk);
      ws.send(RawWebSocket.CONTINUATION, false, chunk);
      assertThat(ws.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  void aSingleFrameOverTheLimitClosesTheConnection() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port())) {
      byte[] big = new byte[70_000];
      Arrays.fill(big, (byte) ' ');
      ws.send(RawWebSocket.TEXT, true, big);
      assertThat(ws.awaitClose()).isIn(1009, -1);
    }
  }
}
