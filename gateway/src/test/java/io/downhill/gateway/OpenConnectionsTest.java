package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real sockets: one client address may hold at most {@code max-connections-per-address} (5
 * here) connections, the next is closed at once while other addresses are served; and the server
 * holds at most {@code max-websockets} (3 here) WebSockets in all.
 */
class OpenConnectionsTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.max-connections-per-address",
              5,
              "downhill.gateway.max-websockets",
              3,
              // Long enough that no deadline closes a connection this test holds.
              "downhill.gateway.header-deadline",
              "5m",
              "downhill.gateway.idle-timeout",
              "5m"));

  @Test
  void theSixthConnectionFromOneAddressIsClosedWhileAnotherAddressIsServed() throws Exception {
    List<RawConnection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        RawConnection connection = RawConnection.open(server.port(), "127.0.0.3");
        held.add(connection);
        connection.write(RawConnection.get("/api/health"));
        assertThat(connection.readResponse().status()).isEqualTo(200);
      }
      try (RawConnection over = RawConnection.open(server.port(), "127.0.0.3")) {
        try {
          over.write(RawConnection.get("/api/health"));
        } catch (IOException e) {
          // already closed by the server
        }
        assertThat(over.readUntilClosed(Duration.ofSeconds(30))).isEmpty();
      }
      try (RawConnection other = RawConnection.open(server.port(), "127.0.0.2")) {
        other.write(RawConnection.get("/api/health"));
        assertThat(other.readResponse().status()).isEqualTo(200);
      }
    } finally {
      for (RawConnection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theFourthWebSocketOnTheServerIs429NamingTheLimit() throws Exception {
    List<RawWebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(RawWebSocket.open(server.port()));
      }
      RawHttp.Response refused =
          RawHttp.exchange(
              server.port(),
              "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13",
              null);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(new JsonObject(refused.body()).getString("error"))
          .isEqualTo("at most 3 open WebSockets on this server");
    } finally {
      for (RawWebSocket socket : open) {
        socket.close();
      }
    }
  }
}
