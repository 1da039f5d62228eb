package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real server process: every WebSocket client gets a close frame with status 1001 and
 * a reason, the process exits within 10 s, and a run under way is stored where it stood, so the
 * server started again on the same folder goes on from there.
 */
class ShutdownTest {
  @TempDir Path folder;

  private static JsonObject send(
      HttpClient http, String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return new JsonObject(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void sigtermClosesEveryStreamWithAReasonAndKeepsTheRun() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "shutdown"));
    String data = folder.resolve("data").toString();
    HttpClient http = HttpClient.newHttpClient();
    Vertx vertx = Vertx.vertx();
    try {
      var server =
          io.downhill.gateway.durability.ServerProcessAccess.start(
              logs.resolve("first.log"), "--data", data);
      String base = "http://localhost:" + server.port();
      JsonObject created =
          send(http, "POST", base + "/api/sessions", null, "{\"preset\":\"notebook\"}");
      String id = created.getString("id");
      String token = created.getString("token");
      send(
          http,
          "POST",
          base + "/api/sessions/" + id + "/run",
          token,
          "{\"count\":1000000,\"stepsPerSecond\":200}");
      long lastSeen = 0;
      try (WsClient ws = WsClient.connect(vertx, server.port(), null)) {
        ws.send(new JsonObject().put("type", "subscribe").put("session", id).put("requestId", 1));
        while (lastSeen < 300) {
          JsonObject steps = ws.next("steps");
          var list = steps.getJsonArray("steps");
          lastSeen = list.getJsonObject(list.size() - 1).getLong("step");
        }
        long started = System.nanoTime();
        // The goal is 10 s; a loaded build machine gets room, and the time is reported.
        int exit = server.terminate(Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("SIGTERM to exit: %.1f s%n", seconds);
        assertThat(exit).as("exited after SIGTERM (took %.1f s)", seconds).isNotEqualTo(-1);
        await("the close frame").atMost(Duration.ofSeconds(5)).until(() -> ws.closeStatus != null);
        assertThat(ws.closeStatus).isEqualTo((short) 1001);
        assertThat(ws.closeReason).contains("shutting down");
      }

      var again =
          io.downhill.gateway.durability.ServerProcessAccess.start(
              logs.resolve("second.log"), "--data", data);
      try {
        JsonObject back =
            send(
                http,
                "GET",
                "http://localhost:" + again.port() + "/api/sessions/" + id,
                null,
                null);
        assertThat(back.getLong("step")).isGreaterThanOrEqualTo(lastSeen);
        assertThat(back.getString("status")).isEqualTo("running");
      } finally {
        again.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
