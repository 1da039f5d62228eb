package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wrong join codes are throttled per address even when they arrive all at once, and joins that
 * guess nothing are not counted. Each test has a server of its own: every client here is 127.0.0.1.
 */
class JoinThrottleTest {
  Vertx vertx;
  RunningServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = RunningServer.start(vertx); // the default: 30 wrong codes a minute
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private JsonObject open() {
    HttpResponse<Buffer> opened = server.send("POST", "/api/workshops", null, "{}");
    assertThat(opened.statusCode()).isEqualTo(201);
    return opened.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> join(JsonObject body) {
    return server.send("POST", "/api/workshops/join", null, body.encode());
  }

  /**
   * Sends every body at once, each on a connection of its own so all are in flight together, and
   * waits for all the answers; returns their statuses.
   */
  private List<Integer> burst(List<JsonObject> bodies) {
    WebClient wide =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()),
            new PoolOptions().setHttp1MaxSize(bodies.size()));
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (JsonObject body : bodies) {
      answers.add(
          wide.post("/api/workshops/join")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(body.toBuffer()));
    }
    Future.join(answers).toCompletionStage().toCompletableFuture().join();
    wide.close();
    return answers.stream().map(a -> a.result().statusCode()).toList();
  }

  private static List<JsonObject> wrongCodes(int count) {
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(
          new JsonObject().put("code", String.format("ZZZZZ-%05d", i)).put("name", "Eve" + i));
    }
    return bodies;
  }

  @Test
  void sixtyConcurrentWrongCodesYield429sOnceThirtyHaveBeenTried() {
    open();
    List<Integer> statuses = burst(wrongCodes(60));
    long wrong = statuses.stream().filter(s -> s == 404).count();
    long throttled = statuses.stream().filter(s -> s == 429).count();
    assertThat(wrong + throttled).isEqualTo(60);
    // 30 tries, plus at most one more that refilled (30 a minute) while the burst was served.
    assertThat(wrong).isBetween(30L, 31L);
    assertThat(throttled).isGreaterThanOrEqualTo(29);
  }

  @Test
  void rightCodesAndRejoinsAreNotCountedAndRejoinsPassEvenWhenThrottled() {
    JsonObject workshop = open();
    String code = workshop.getString("code");
    List<JsonObject> joined = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      HttpResponse<Buffer> response = join(new JsonObject().put("code", code).put("name", "P" + i));
      assertThat(response.statusCode()).as("join %d", i).isEqualTo(200);
      joined.add(response.bodyAsJsonObject());
    }
    JsonObject ada = joined.get(0);
    JsonObject rejoin =
        new JsonObject()
            .put("workshop", ada.getString("workshop"))
            .put("rejoinToken", ada.getString("token"));
    for (int i = 0; i < 40; i++) {
      assertThat(join(rejoin).statusCode()).isEqualTo(200);
    }

    // Forty right codes and forty rejoins later, all thirty wrong tries are still there.
    List<Integer> statuses = burst(wrongCodes(60));
    assertThat(statuses.stream().filter(s -> s == 404).count()).isBetween(30L, 31L);

    // Throttled: a code, even the right one, waits; a rejoin guesses nothing and still passes.
    assertThat(join(new JsonObject().put("code", code).put("name", "Late")).statusCode())
        .isEqualTo(429);
    HttpResponse<Buffer> back = join(rejoin);
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.bodyAsJsonObject().getString("session")).isEqualTo(ada.getString("session"));
  }

  @Test
  void aRejoinTokenWithoutItsWorkshopIs400OnWorkshop() {
    JsonObject workshop = open();
    JsonObject ada =
        join(new JsonObject().put("code", workshop.getString("code")).put("name", "Ada"))
            .bodyAsJsonObject();
    HttpResponse<Buffer> response =
        join(new JsonObject().put("rejoinToken", ada.getString("token")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("workshop");
  }
}
