package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One address may hold at most 20 WebSockets open (the default); the next handshake is 429. */
class WebSocketQuotaTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static RawHttp.Response handshake() throws Exception {
    return RawHttp.exchange(
        server.port(),
        "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13",
        null);
  }

  private static int openSockets() {
    return server.downhill().gateway().webSockets().clientCount();
  }

  @Test
  void theTwentyFirstHandshakeFromOneAddressIs429UntilOneCloses() throws Exception {
    List<RawWebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        open.add(RawWebSocket.open(server.port()));
      }
      RawHttp.Response refused = handshake();
      assertThat(refused.status()).isEqualTo(429);
      assertThat(new JsonObject(refused.body()).getString("error")).contains("20");

      open.remove(0).close();
      await("the closed socket uncounted")
          .atMost(Duration.ofSeconds(10))
          .until(() -> openSockets() <= 19);
      open.add(RawWebSocket.open(server.port()));
      // The server counts a socket once its handshake answer is out, a moment after the client.
      await("the new socket counted")
          .atMost(Duration.ofSeconds(10))
          .until(() -> openSockets() == 20);
    } finally {
      for (RawWebSocket socket : open) {
        socket.close();
      }
    }
  }
}
