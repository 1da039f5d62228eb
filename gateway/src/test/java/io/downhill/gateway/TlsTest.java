package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server given a certificate and key serves HTTPS and WSS itself, to clients that trust only that
 * certificate, and tells browsers to keep to HTTPS.
 */
class TlsTest {
  @TempDir static Path folder;
  static SelfSignedCertificate certificate;
  static DownhillServer server;
  static HttpClient https;

  @BeforeAll
  static void start() throws Exception {
    certificate = SelfSignedCertificate.makeIn(folder);
    server =
        TestServers.start(
            Map.of(
                "downhill.gateway.tls.cert", certificate.certPem.toString(),
                "downhill.gateway.tls.key", certificate.keyPem.toString()));
    https =
        HttpClient.newBuilder()
            .sslContext(certificate.trustingContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static URI uri(String scheme, String path) {
    return URI.create(scheme + "://localhost:" + server.port() + path);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return https.send(
        HttpRequest.newBuilder(uri("https", path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theServerSaysItSpeaksHttps() {
    assertThat(server.scheme()).isEqualTo("https");
  }

  @Test
  void aSessionIsCreatedOverHttpsAndSteppedOverWss() throws Exception {
    HttpResponse<String> created =
        https.send(
            HttpRequest.newBuilder(uri("https", "/api/sessions"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"preset\":\"notebook\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject session = new JsonObject(created.body());

    Messages messages = new Messages();
    WebSocket socket =
        https
            .newWebSocketBuilder()
            .header("Origin", "https://localhost:" + server.port())
            .buildAsync(uri("wss", "/ws"), messages)
            .get(20, TimeUnit.SECONDS);
    try {
      socket
          .sendText(
              new JsonObject()
                  .put("type", "step")
                  .put("session", session.getString("id"))
                  .put("token", session.getString("token"))
                  .put("count", 3)
                  .put("requestId", 1)
                  .encode(),
              true)
          .get(20, TimeUnit.SECONDS);
      JsonObject reply = messages.next();
      assertThat(reply.getString("type")).isEqualTo("reply");
      assertThat(reply.getInteger("requestId")).isEqualTo(1);
      JsonObject state = reply.getJsonObject("result").getJsonObject("state");
      assertThat(state.getInteger("step")).isEqualTo(3);
    } finally {
      socket.abort();
    }
  }

  @Test
  void aPageServedOverPlainHttpMayNotOpenTheWebSocket() {
    assertThatThrownBy(
            () ->
                https
                    .newWebSocketBuilder()
                    .header("Origin", "http://localhost:" + server.port())
                    .buildAsync(uri("wss", "/ws"), new Messages())
                    .get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                    .isEqualTo(403));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/js/api.js", "/api/health", "/api/nothing-here"})
  void everyAnswerCarriesStrictTransportSecurity(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void aKeyThatIsNotPemIsAStartErrorNamingTheFiles() throws Exception {
    Path notPem = java.nio.file.Files.writeString(folder.resolve("not-a-key.pem"), "secret");
    Map<String, Object> overrides =
        Map.of(
            "downhill.gateway.tls.cert", certificate.certPem.toString(),
            "downhill.gateway.tls.key", notPem.toString());
    assertThatThrownBy(
            () ->
                DownhillServer.start(
                        TestServers.config(overrides),
                        Journal.inMemory(),
                        0,
                        io.downhill.engine.TensorEngine.DeviceChoice.CPU)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join())
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .cause()
        .hasMessageContaining("not usable")
        .hasMessageContaining("not-a-key.pem");
  }

  /** The text messages of a JDK WebSocket, unpacked from their frames. */
  static final class Messages implements WebSocket.Listener {
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonArray list = new JsonObject(partial.toString()).getJsonArray("messages");
        partial.setLength(0);
        for (int i = 0; i < list.size(); i++) {
          received.add(list.getJsonObject(i));
        }
      }
      socket.request(1);
      return null;
    }

    JsonObject next() throws InterruptedException {
      JsonObject message = received.poll(20, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no message within 20 s");
      }
      return message;
    }
  }
}
