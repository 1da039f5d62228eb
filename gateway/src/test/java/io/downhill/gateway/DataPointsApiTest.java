package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training points edited by hand, over real HTTP and WebSocket against a real server on port 0. */
class DataPointsApiTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static JsonObject data(String id) {
    return server.send("GET", "/api/sessions/" + id + "/data", null, null).bodyAsJsonObject();
  }

  @Test
  void addMoveAndRemoveChangeTheDataAndTheLoss() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    String token = created.getString("token");
    String points = "/api/sessions/" + id + "/data/points";
    double start = created.getDouble("loss");

    HttpResponse<Buffer> added = server.send("POST", points, token, "{\"x\":0.5,\"y\":40}");
    assertThat(added.statusCode()).isEqualTo(200);
    double afterAdd = added.bodyAsJsonObject().getDouble("loss");
    assertThat(afterAdd).isGreaterThan(start);
    JsonObject data = data(id);
    assertThat(data.getJsonArray("x")).hasSize(21);
    assertThat(data.getJsonArray("x").getDouble(20)).isEqualTo(0.5);
    assertThat(data.getJsonArray("y").getDouble(20)).isEqualTo(40.0);
    assertThat(data.containsKey("validation")).isFalse();

    HttpResponse<Buffer> moved = server.send("PUT", points + "/20", token, "{\"x\":0.5,\"y\":5}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(moved.bodyAsJsonObject().getDouble("loss")).isLessThan(afterAdd);
    assertThat(data(id).getJsonArray("y").getDouble(20)).isEqualTo(5.0);

    HttpResponse<Buffer> removed = server.send("DELETE", points + "/0", token, null);
    assertThat(removed.statusCode()).isEqualTo(200);
    JsonArray x = data(id).getJsonArray("x");
    assertThat(x).hasSize(20);
    assertThat(x.getDouble(0)).isNotEqualTo(-2.0);

    // The next step trains on the edited points: its loss is the state's loss now.
    double now = removed.bodyAsJsonObject().getDouble("loss");
    JsonObject stepped =
        server
            .send("POST", "/api/sessions/" + id + "/steps", token, "{\"count\":1}")
            .bodyAsJsonObject();
    assertThat(stepped.getJsonArray("steps").getJsonObject(0).getDouble("loss")).isEqualTo(now);

    // Restoring puts the spec's points back; the run stays where it is.
    HttpResponse<Buffer> restored =
        server.send("POST", "/api/sessions/" + id + "/data/restore", token, null);
    assertThat(restored.statusCode()).isEqualTo(200);
    assertThat(restored.bodyAsJsonObject().getLong("step")).isEqualTo(1);
    assertThat(data(id).getJsonArray("x")).hasSize(20);
    assertThat(data(id).getJsonArray("x").getDouble(0)).isEqualTo(-2.0);
  }

  @Test
  void watchersAreToldOfAnEditWithTheLossOnTheNewPoints() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(new JsonObject().put("type", "subscribe").put("session", id).put("requestId", 1));
      ws.next("reply");
      JsonObject subscribed = ws.next("state");
      JsonObject answer =
          server
              .send(
                  "DELETE",
                  "/api/sessions/" + id + "/data/points/4",
                  created.getString("token"),
                  null)
              .bodyAsJsonObject();
      JsonObject edited =
          ws.next(
              m -> "data-edited".equals(m.getString("change")), java.time.Duration.ofSeconds(10));
      assertThat(edited.getLong("seq")).isEqualTo(subscribed.getLong("seq") + 1);
      assertThat(edited.getJsonObject("state").getDouble("loss"))
          .isEqualTo(answer.getDouble("loss"));
    }
    assertThat(data(id).getJsonArray("x")).hasSize(19);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|/data/points|{\"x\":1}|y",
        "POST|/data/points|{\"x\":1e400,\"y\":1}|x",
        "POST|/data/points|{\"x\":\"one\",\"y\":1}|x",
        "POST|/data/points|{\"x\":1,\"y\":2e6}|y",
        "POST|/data/points|{\"x\":1,\"y\":2,\"z\":3}|z",
        "PUT|/data/points/20|{\"x\":1,\"y\":2}|index",
        "PUT|/data/points/-1|{\"x\":1,\"y\":2}|index",
        "PUT|/data/points/one|{\"x\":1,\"y\":2}|index",
        "PUT|/data/points/3|{\"y\":2}|x",
        "DELETE|/data/points/99|''|index",
      })
  void badEditsAre400NamingTheFieldAndChangeNothing(
      String method, String path, String body, String field) {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    JsonObject before = data(id);
    HttpResponse<Buffer> response =
        server.send(
            method,
            "/api/sessions/" + id + path,
            created.getString("token"),
            body.isEmpty() ? null : body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
    assertThat(data(id)).isEqualTo(before);
  }

  @Test
  void editsNeedTheOwnersToken() {
    JsonObject created = server.create("{}");
    String points = "/api/sessions/" + created.getString("id") + "/data/points";
    assertThat(server.send("POST", points, null, "{\"x\":0,\"y\":0}").statusCode()).isEqualTo(401);
    String other = server.create("{}").getString("token");
    HttpResponse<Buffer> foreign = server.send("DELETE", points + "/0", other, null);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(data(created.getString("id")).getJsonArray("x")).hasSize(20);
  }

  @Test
  void anEditIsTakenWhileTheSessionRuns() {
    JsonObject created = server.create("{}");
    String path = "/api/sessions/" + created.getString("id");
    String token = created.getString("token");
    server.send("POST", path + "/run", token, "{\"count\":100000,\"stepsPerSecond\":200}");
    HttpResponse<Buffer> added =
        server.send("POST", path + "/data/points", token, "{\"x\":0,\"y\":30}");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.bodyAsJsonObject().getString("status")).isEqualTo("running");
    server.send("POST", path + "/pause", token, null);
    assertThat(data(created.getString("id")).getJsonArray("x")).hasSize(21);
  }
}
