package io.downhill.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;

/** A real Downhill server on a free port, and a real HTTP client for it. */
final class RunningServer implements AutoCloseable {
  final DownhillServer server;
  final WebClient http;

  private RunningServer(DownhillServer server, WebClient http) {
    this.server = server;
    this.http = http;
  }

  static RunningServer start(Vertx clientVertx) {
    return start(clientVertx, Map.of());
  }

  static RunningServer start(Vertx clientVertx, Map<String, Object> overrides) {
    DownhillServer server = TestServers.start(overrides);
    WebClient http =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()));
    return new RunningServer(server, http);
  }

  int port() {
    return server.port();
  }

  /** A blocking request, for test set-up only (never on an event loop). */
  HttpResponse<Buffer> send(String method, String path, String token, String body) {
    var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    var future = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return future.toCompletionStage().toCompletableFuture().join();
  }

  /** Creates a session from {@code spec} and returns the created state with its token. */
  JsonObject create(String spec) {
    HttpResponse<Buffer> response = send("POST", "/api/sessions", null, spec);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("create failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  @Override
  public void close() {
    http.close();
    server.close();
  }
}
