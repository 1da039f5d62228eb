package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A request body must be declared as JSON; a request without a body needs no Content-Type. */
class ContentTypeTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static HttpResponse<Buffer> send(
      HttpMethod method, String path, String token, String contentType, String body) {
    var request = server.http().request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture().join();
  }

  @ParameterizedTest(name = "Content-Type: {0}")
  @NullSource
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "text/json"
      })
  void aBodyNotDeclaredAsJsonIs415NamingContentType(String contentType) {
    HttpResponse<Buffer> response =
        send(HttpMethod.POST, "/api/sessions", null, contentType, "{\"preset\":\"notebook\"}");
    assertThat(response.statusCode()).isEqualTo(415);
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.getString("field")).isEqualTo("Content-Type");
    assertThat(error.getString("error")).contains("application/json");
  }

  @ParameterizedTest(name = "Content-Type: {0}")
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON ;charset=UTF-8"
      })
  void jsonWithOrWithoutACharsetIsAccepted(String contentType) {
    assertThat(send(HttpMethod.POST, "/api/sessions", null, contentType, "{}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void aPutWithAPlainTextBodyChangesNothing() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    HttpResponse<Buffer> response =
        send(
            HttpMethod.PUT,
            "/api/sessions/" + id + "/lr",
            created.getString("token"),
            "text/plain",
            "{\"lr\":0.5}");
    assertThat(response.statusCode()).isEqualTo(415);
    JsonObject state = server.send("GET", "/api/sessions/" + id, null, null).bodyAsJsonObject();
    assertThat(state.getDouble("lr")).isEqualTo(0.01);
  }

  @Test
  void aCommandWithoutABodyNeedsNoContentType() {
    JsonObject created = server.create("{}");
    HttpResponse<Buffer> response =
        send(
            HttpMethod.POST,
            "/api/sessions/" + created.getString("id") + "/pause",
            created.getString("token"),
            null,
            "");
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
