package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped and started again on the same data folder: the workshop (its code, its
 * participants, the spotlight and the open steps), the participants' sessions and their history are
 * all still there, over HTTP and over the WebSocket.
 */
class RestartTest {
  static Vertx vertx;
  @TempDir Path folder;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static HttpResponse<Buffer> send(
      DownhillServer server, String method, String path, String token, String body) {
    WebClient http =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()));
    try {
      var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), path);
      request.putHeader("Content-Type", "application/json");
      if (token != null) {
        request.putHeader("Authorization", "Bearer " + token);
      }
      var future = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
      return future.toCompletionStage().toCompletableFuture().join();
    } finally {
      http.close();
    }
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  @Test
  void aWorkshopAndItsSessionsSurviveARestart() {
    Journal journal = Journal.inFolder(folder);
    JsonObject workshop;
    JsonObject ada;
    DownhillServer first = TestServers.start(Map.of(), journal);
    try {
      workshop = ok(send(first, "POST", "/api/workshops", null, "{\"title\":\"Kept\"}"), 201);
      assertThat(workshop.getString("recoveryLink"))
          .startsWith("/workshop/instructor.html#workshop=" + workshop.getString("id") + "&token=");
      String instructor = workshop.getString("instructorToken");
      String id = workshop.getString("id");
      ada =
          ok(
              send(
                  first,
                  "POST",
                  "/api/workshops/join",
                  null,
                  new JsonObject()
                      .put("code", workshop.getString("code"))
                      .put("name", "Ada")
                      .encode()),
              200);
      ok(
          send(
              first,
              "POST",
              "/api/sessions/" + ada.getString("session") + "/steps",
              ada.getString("token"),
              "{\"count\":7}"),
          200);
      ok(
          send(
              first,
              "POST",
              "/api/workshops/" + id + "/spotlight",
              instructor,
              new JsonObject().put("session", ada.getString("session")).encode()),
          200);
      ok(send(first, "POST", "/api/workshops/" + id + "/open", instructor, "{\"steps\":3}"), 200);
    } finally {
      first.close();
    }

    DownhillServer second = TestServers.start(Map.of(), journal);
    try {
      String id = workshop.getString("id");
      JsonObject room =
          ok(
              send(
                  second,
                  "GET",
                  "/api/workshops/" + id,
                  workshop.getString("instructorToken"),
                  null),
              200);
      assertThat(room.getString("code")).isEqualTo(workshop.getString("code"));
      assertThat(room.getString("spotlight")).isEqualTo(ada.getString("session"));
      assertThat(room.getInteger("openSteps")).isEqualTo(3);
      assertThat(room.getJsonArray("participants")).hasSize(1);

      JsonObject session =
          ok(send(second, "GET", "/api/sessions/" + ada.getString("session"), null, null), 200);
      assertThat(session.getLong("step")).isEqualTo(7);

      try (WsClient ws = WsClient.connect(vertx, second.port(), null)) {
        ws.send(new JsonObject().put("type", "subscribe").put("workshop", id).put("requestId", 1));
        JsonObject state =
            ws.next(m -> "workshop-state".equals(m.getString("type")), Duration.ofSeconds(10));
        assertThat(state.getJsonObject("state").getString("spotlight"))
            .isEqualTo(ada.getString("session"));
        ws.send(
            new JsonObject()
                .put("type", "subscribe")
                .put("session", ada.getString("session"))
                .put("requestId", 2));
        JsonObject sessionState =
            ws.next(
                m -> "state".equals(m.getString("type")) && m.getJsonObject("state") != null,
                Duration.ofSeconds(10));
        assertThat(sessionState.getJsonObject("state").getLong("step")).isEqualTo(7);
      }
    } finally {
      second.close();
    }
  }
}
