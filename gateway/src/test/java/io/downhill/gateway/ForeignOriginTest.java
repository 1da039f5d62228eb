package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REST calls from a page of another origin are refused, as the WebSocket handshake is. */
class ForeignOriginTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(
          Map.of("downhill.gateway.allowed-origins", List.of("https://trusted.example")));

  private static HttpResponse<Buffer> send(
      HttpMethod method, String path, String origin, String token, String body) {
    var request = server.http().request(method, path);
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return request.send().toCompletionStage().toCompletableFuture().join();
    }
    request.putHeader("Content-Type", "application/json");
    return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture().join();
  }

  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(
      strings = {
        "http://evil.example",
        "null",
        "http://localhost:1",
        "https://localhost",
        "http://trusted.example"
      })
  void aForeignOriginIs403NamingOriginAndChangesNothing(String origin) {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    String token = created.getString("token");
    HttpResponse<Buffer> driven =
        send(HttpMethod.POST, "/api/sessions/" + id + "/steps", origin, token, "{\"count\":3}");
    assertThat(driven.statusCode()).isEqualTo(403);
    assertThat(driven.bodyAsJsonObject().getString("field")).isEqualTo("Origin");
    assertThat(send(HttpMethod.GET, "/api/sessions/" + id, origin, null, null).statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/sessions", origin, null, "{}").statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.DELETE, "/api/sessions/" + id, origin, token, null).statusCode())
        .isEqualTo(403);
    assertThat(
            server
                .send("GET", "/api/sessions/" + id, null, null)
                .bodyAsJsonObject()
                .getLong("step"))
        .isZero();
  }

  @Test
  void thePagesOwnOriginAnAllowedOneAndNoneAtAllPass() {
    String own = "http://localhost:" + server.port();
    assertThat(send(HttpMethod.POST, "/api/sessions", own, null, "{}").statusCode()).isEqualTo(201);
    assertThat(
            send(HttpMethod.POST, "/api/sessions", "https://trusted.example", null, "{}")
                .statusCode())
        .isEqualTo(201);
    assertThat(send(HttpMethod.POST, "/api/sessions", null, null, "{}").statusCode())
        .isEqualTo(201);
  }
}
