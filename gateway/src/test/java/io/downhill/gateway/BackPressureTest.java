package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.downhill.gateway.websocket.WebSocketEndpoint;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that keeps sending but never reads: once its write queue is full the server stops
 * reading its socket, so what the client can push in is bounded by the sockets' buffers, the
 * server's heap does not grow with it, and the client is closed after the slow-client timeout.
 */
class BackPressureTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of(
              "downhill.gateway.slow-client-timeout",
              "3s",
              "downhill.gateway.write-queue-bytes",
              16384));

  private static JsonObject metrics() {
    return server.send("GET", "/api/metrics", null, null).bodyAsJsonObject();
  }

  private static long heapAfterGc() {
    System.gc(); // the server runs in this JVM: a full collection before reading its heap
    return metrics().getLong("heapUsedBytes");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"commands", "pings"})
  void aClientThatNeverReadsIsPausedBoundedAndClosed(String what) throws Exception {
    WebSocketEndpoint endpoint = server.downhill().gateway().webSockets();
    long closedBefore = metrics().getLong("slowClientsClosed");
    long heapBefore = heapAfterGc();
    AtomicLong written = new AtomicLong();
    byte[] command =
        "{\"type\":\"unsubscribe\",\"session\":\"nobody\"}".getBytes(StandardCharsets.UTF_8);
    byte[] ping = "are you there?".getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    try (RawWebSocket client = RawWebSocket.open(server.port(), 4096)) {
      Thread sender =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() - started < 60_000_000_000L) {
                    if (what.equals("pings")) {
                      client.send(RawWebSocket.PING, true, ping);
                    } else {
                      client.send(RawWebSocket.TEXT, true, command);
                    }
                    written.addAndGet(command.length + 6);
                  }
                } catch (IOException closedByTheServer) {
                  // the end we wait for
                }
              });
      sender.start();
      await("the client closed as slow")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> metrics().getLong("slowClientsClosed") > closedBefore);
      assertThat(metrics().getLong("slowClientsClosed")).isEqualTo(closedBefore + 1);
      sender.join(10_000);
      assertThat(sender.isAlive()).as("the client's writes end once it is closed").isFalse();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(seconds).isLessThan(20);
    // What got in is what the sockets' kernel buffers hold (Linux grows them to a few MB each)
    // plus at most one flush interval of reading; unpaused, a local client writes hundreds of MB.
    assertThat(written.get()).isLessThan(64L << 20);
    assertThat(heapAfterGc() - heapBefore).isLessThan(48L << 20);
    assertThat(endpoint.clientCount()).isZero();
    assertThat(server.send("GET", "/api/health", null, null).statusCode()).isEqualTo(200);
  }
}
