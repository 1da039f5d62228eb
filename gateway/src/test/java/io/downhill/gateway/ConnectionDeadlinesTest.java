package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real sockets, with short times (idle timeout 2 s, header and body deadlines 4 s): a client
 * that sends a byte a second is cut off by a deadline although it is never idle, an idle HTTP
 * connection is closed, and a WebSocket that only listens stays open past all three.
 */
class ConnectionDeadlinesTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.idle-timeout", "2s",
              "downhill.gateway.header-deadline", "4s",
              "downhill.gateway.body-deadline", "4s"));

  ScheduledExecutorService dribbler;

  @BeforeEach
  void startDribbler() {
    dribbler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stopDribbler() {
    dribbler.shutdownNow();
  }

  /** Sends {@code bytes} one a second until they are all out or the connection fails. */
  private AtomicInteger dribble(RawConnection connection, byte[] bytes) {
    AtomicInteger sent = new AtomicInteger();
    dribbler.scheduleAtFixedRate(
        () -> {
          int next = sent.get();
          if (next >= bytes.length) {
            throw new IllegalStateException("all sent"); // ends the schedule
          }
          try {
            connection.write(new byte[] {bytes[next]});
            sent.incrementAndGet();
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e); // closed: ends the schedule
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
    return sent;
  }

  @Test
  void headersSentAByteASecondAreCutOffWhileAnotherClientIsServed() throws Exception {
    byte[] head =
        ("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "a".repeat(100)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (RawConnection slow = RawConnection.open(server.port(), "127.0.0.1")) {
      AtomicInteger sent = dribble(slow, head);

      RawHttp.Response other =
          RawHttp.request(server.port(), "GET", "/api/health", "localhost", null);
      assertThat(other.status()).isEqualTo(200);

      assertThat(slow.readUntilClosed(Duration.ofSeconds(60))).isEmpty();
      assertThat(sent.get()).isLessThan(head.length);
    }
  }

  @Test
  void aBodySentAByteASecondIsCutOff() throws Exception {
    byte[] body =
        ("{\"preset\":\"notebook\"" + " ".repeat(100) + "}").getBytes(StandardCharsets.UTF_8);
    try (RawConnection slow = RawConnection.open(server.port(), "127.0.0.1")) {
      slow.write(
          "POST /api/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n");
      AtomicInteger sent = dribble(slow, body);

      assertThat(slow.readUntilClosed(Duration.ofSeconds(60))).isEmpty();
      assertThat(sent.get()).isLessThan(body.length);
    }
  }

  @Test
  void anIdleHttpConnectionIsClosedAfterItsAnswer() throws Exception {
    try (RawConnection idle = RawConnection.open(server.port(), "127.0.0.1")) {
      idle.write(RawConnection.get("/api/health"));
      assertThat(idle.readResponse().status()).isEqualTo(200);

      assertThat(idle.readUntilClosed(Duration.ofSeconds(60))).isEmpty();
    }
  }

  @Test
  void theServerPingsAWebSocketThatOnlyListens() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(server.port())) {
      assertThat(socket.read().opcode()).isEqualTo(RawWebSocket.PING);
    }
  }

  @Test
  void aWebSocketThatOnlyListensOutlastsTheIdleTimeoutAndTheDeadlines() throws Exception {
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      // Open all along for three idle timeouts, past both deadlines as well.
      await("the socket open for 6 s")
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(8))
          .until(() -> !ws.socket.isClosed());

      ws.send(new JsonObject().put("type", "state").put("session", "nope").put("requestId", 7));
      JsonObject answer = ws.next("error");
      assertThat(answer.getInteger("requestId")).isEqualTo(7);
      assertThat(answer.getInteger("status")).isEqualTo(404);
    }
  }
}
