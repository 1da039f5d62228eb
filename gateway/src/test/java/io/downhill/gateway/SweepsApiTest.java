package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sweeps over real HTTP and WebSocket. */
class SweepsApiTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private JsonObject awaitFinished(String id) {
    return await("the sweep to finish")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> server.send("GET", "/api/sweeps/" + id, null, null).bodyAsJsonObject(),
            state -> state.getString("status").equals("finished"));
  }

  @Test
  void logRangeOfLearningRatesRunsAndExports() {
    HttpResponse<Buffer> created =
        server.send(
            "POST",
            "/api/sweeps",
            null,
            "{\"preset\":\"notebook\",\"lr\":{\"from\":0.0001,\"to\":1,\"count\":13,\"scale\":\"log\"},"
                + "\"steps\":300}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject sweep = created.bodyAsJsonObject();
    assertThat(sweep.getString("token")).isNotBlank();
    JsonArray variants = sweep.getJsonArray("variants");
    assertThat(variants).hasSize(13);
    assertThat(variants.getJsonObject(0).getDouble("lr")).isEqualTo(0.0001);
    assertThat(variants.getJsonObject(12).getDouble("lr")).isEqualTo(1.0);
    assertThat(variants.getJsonObject(6).getDouble("lr"))
        .isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));

    JsonObject finished = awaitFinished(sweep.getString("id"));
    assertThat(finished.getLong("step")).isEqualTo(300);
    assertThat(finished.encode()).doesNotContain("NaN").doesNotContain("Infinity");
    JsonObject variant =
        server
            .send("GET", "/api/sweeps/" + sweep.getString("id") + "/variants/6", null, null)
            .bodyAsJsonObject();
    assertThat(variant.getLong("steps")).isEqualTo(300);
    assertThat(variant.getDouble("loss")).isLessThan(4.4666);

    String csv =
        server
            .send("GET", "/api/sweeps/" + sweep.getString("id") + "/export?format=csv", null, null)
            .bodyAsString();
    String[] lines = csv.split("\n");
    assertThat(lines[0]).startsWith("step,v0_lr=0.000100000,v1_lr=");
    assertThat(lines).hasSize(301);
    JsonObject json =
        server
            .send("GET", "/api/sweeps/" + sweep.getString("id") + "/export?format=json", null, null)
            .bodyAsJsonObject();
    assertThat(json.getJsonArray("losses")).hasSize(13);
    assertThat(json.getJsonArray("steps")).hasSize(300);
  }

  @Test
  void variantsTimesRatesAndADivergingOneIsMarked() {
    JsonObject sweep =
        server
            .send(
                "POST",
                "/api/sweeps",
                null,
                "{\"lr\":[0.001,100000],\"accumulateGradients\":false,\"steps\":200,"
                    + "\"variants\":[{\"loss\":\"mse\"},{\"loss\":\"mae\",\"optimizer\":{\"kind\":\"adam\"}}]}")
            .bodyAsJsonObject();
    assertThat(sweep.getJsonArray("variants")).hasSize(4);
    JsonObject finished = awaitFinished(sweep.getString("id"));
    JsonArray variants = finished.getJsonArray("variants");
    assertThat(variants.getJsonObject(0).getString("lossKind")).isEqualTo("mse");
    assertThat(variants.getJsonObject(1).getString("status")).isEqualTo("diverged");
    assertThat(variants.getJsonObject(0).getString("status")).isEqualTo("finished");
    assertThat(variants.getJsonObject(3).getString("optimizer")).isEqualTo("adam");
  }

  @Test
  void targetStopsVariantsAndReportsTheStep() {
    JsonObject sweep =
        server
            .send(
                "POST",
                "/api/sweeps",
                null,
                "{\"lr\":[0.001,0.05],\"accumulateGradients\":false,\"steps\":500,\"target\":3.0}")
            .bodyAsJsonObject();
    JsonObject finished = awaitFinished(sweep.getString("id"));
    JsonObject fast = finished.getJsonArray("variants").getJsonObject(1);
    assertThat(fast.getString("status")).isEqualTo("reached-target");
    assertThat(fast.getLong("reachedTargetAt")).isPositive();
  }

  @Test
  void watcherSeesProgressAndTheEnd() {
    JsonObject sweep =
        server
            .send(
                "POST",
                "/api/sweeps",
                null,
                "{\"lr\":[0.001,0.01,0.1],\"steps\":2000,\"start\":false}")
            .bodyAsJsonObject();
    String id = sweep.getString("id");
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(new JsonObject().put("type", "subscribe").put("sweep", id));
      assertThat(ws.next("sweep-state").getString("change")).isEqualTo("subscribed");
      assertThat(server.send("POST", "/api/sweeps/" + id + "/run", null, null).statusCode())
          .isEqualTo(401);
      server.send("POST", "/api/sweeps/" + id + "/run", sweep.getString("token"), null);
      JsonObject progress = ws.next("sweep-progress");
      assertThat(progress.getJsonArray("losses")).hasSize(3);
      JsonObject end =
          ws.next(m -> "run-finished".equals(m.getString("change")), Duration.ofSeconds(30));
      assertThat(end.getJsonObject("state").getLong("step")).isEqualTo(2000);
    }
  }

  @Test
  void aPacedSweepSaysItsPaceAndTakesAboutAsLongAsItAsks() {
    long started = System.nanoTime();
    JsonObject sweep =
        server
            .send(
                "POST",
                "/api/sweeps",
                null,
                "{\"lr\":[0.01,0.1],\"steps\":50,\"stepsPerSecond\":50}")
            .bodyAsJsonObject();
    assertThat(sweep.getDouble("stepsPerSecond")).isEqualTo(50.0);
    JsonObject finished = awaitFinished(sweep.getString("id"));
    // 50 steps at 50 a second: about a second, where unpaced they take a few milliseconds.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
    assertThat(finished.getLong("step")).isEqualTo(50);
    assertThat(finished.getDouble("stepsPerSecond")).isEqualTo(50.0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"lr\":{\"from\":0,\"to\":1,\"count\":5}}|lr.from",
        "{\"lr\":{\"from\":0.1,\"to\":1,\"count\":0}}|lr.count",
        "{\"lr\":{\"from\":0.1,\"to\":1,\"count\":5,\"scale\":\"cubic\"}}|lr.scale",
        "{\"lr\":[]}|lr",
        "{\"lr\":[0.1,1e400]}|lr[1]",
        "{\"steps\":0}|steps",
        "{\"target\":\"low\"}|target",
        "{\"variants\":[{\"colour\":1}]}|variants[0].colour",
        "{\"variants\":[{\"lr\":-1}]}|variants[0].lr",
        "{\"variants\":[]}|variants",
        "{\"stepsPerSecond\":-1}|stepsPerSecond",
        "{\"stepsPerSecond\":2000000}|stepsPerSecond",
        "{\"stepsPerSecond\":\"fast\"}|stepsPerSecond",
      })
  void badSweepsAreRefusedNamingTheField(String body, String field) {
    HttpResponse<Buffer> response = server.send("POST", "/api/sweeps", null, body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
  }
}
