package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.websocket.WebSocketEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that subscribes and then never reads: the server stops queueing for it (its state for
 * that client is one constant-size lag record), keeps serving a reading client in full, and closes
 * the stalled one after the slow-client timeout.
 */
class SlowClientTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.slow-client-timeout",
              "3s",
              "downhill.gateway.write-queue-bytes",
              16384));

  /** Opens a WebSocket by hand with a tiny receive buffer, subscribes, and reads no more. */
  private static Socket stalledSubscriber(int port, String session) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("localhost", port));
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /ws HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    // Read the handshake answer only, up to the blank line.
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
    byte[] payload =
        new JsonObject()
            .put("type", "subscribe")
            .put("session", session)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) 0x81; // FIN, text
    frame[1] = (byte) (0x80 | payload.length); // masked, length < 126
    byte[] mask = {1, 2, 3, 4};
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(frame);
    out.flush();
    return socket;
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what) {
    Awaitility.await(what)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }

  @Test
  void clientThatNeverReadsIsCoalescedThenClosedWhileAReaderGetsEverything() throws Exception {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    WebSocketEndpoint endpoint = server.downhill().gateway().webSockets();
    try (WsClient reader = WsClient.connect(server.vertx(), server.port(), null);
        Socket stalled = stalledSubscriber(server.port(), id)) {
      reader.send(new JsonObject().put("type", "subscribe").put("session", id));
      reader.next("state");
      await(() -> endpoint.clientCount() == 2, Duration.ofSeconds(5), "both clients");

      server.send(
          "POST", "/api/sessions/" + id + "/run", created.getString("token"), "{\"count\":200000}");

      // The stalled client's queue fills; from then on the server keeps one lag record for it.
      await(() -> endpoint.laggingSessionCount() == 1, Duration.ofSeconds(20), "a lagging client");
      assertThat(endpoint.laggingSessionCount()).isEqualTo(1);

      // It stays behind, so after the timeout it is closed; the reader is not.
      await(() -> endpoint.clientCount() == 1, Duration.ofSeconds(20), "the stalled client closed");
      assertThat(endpoint.laggingSessionCount()).isZero();
      assertThat(reader.socket.isClosed()).isFalse();

      // The reader received every step, in order, with no gap in the session's sequence.
      server.send("POST", "/api/sessions/" + id + "/pause", created.getString("token"), null);
      long expected = 1;
      long lastSeq = -1;
      while (true) {
        JsonObject message =
            reader.next(m -> !"reply".equals(m.getString("type")), Duration.ofSeconds(20));
        if ("state".equals(message.getString("type")) && message.getLong("seq") <= lastSeq) {
          continue; // a state kept from within a skipped range, replayed after the marker
        }
        if (lastSeq >= 0) {
          assertThat(message.getLong("firstSeq", message.getLong("seq"))).isEqualTo(lastSeq + 1);
        }
        lastSeq = message.getLong("seq");
        if ("skipped".equals(message.getString("type"))) {
          // A loaded machine may stall the reader too: then the skipped range must fit exactly.
          assertThat(message.getLong("fromStep")).isEqualTo(expected);
          expected = message.getLong("toStep") + 1;
        } else if ("steps".equals(message.getString("type"))) {
          JsonArray steps = message.getJsonArray("steps");
          for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.getJsonObject(i).getLong("step")).isEqualTo(expected++);
          }
        }
        String change = message.getString("change");
        if ("run-paused".equals(change) || "run-finished".equals(change)) {
          break;
        }
      }
      assertThat(expected).isGreaterThan(1000);
    }
  }
}
