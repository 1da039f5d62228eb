package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST API over real HTTP against a real server on a free port. */
class SessionsApiTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static double rounded(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  @Test
  void notebookSessionReproducesTheLessonOverHttp() {
    JsonObject created = server.create("{\"preset\":\"notebook\"}");
    assertThat(created.getString("id")).isNotBlank();
    assertThat(created.getString("token")).hasSizeGreaterThan(30);
    assertThat(created.getJsonArray("params").getList()).containsExactly(1.1, 1.2, 1.3);

    String id = created.getString("id");
    HttpResponse<Buffer> response =
        server.send(
            "POST", "/api/sessions/" + id + "/steps", created.getString("token"), "{\"count\":9}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray steps = response.bodyAsJsonObject().getJsonArray("steps");
    assertThat(steps).hasSize(9);
    JsonObject first = steps.getJsonObject(0);
    assertThat(rounded(first.getDouble("loss"), 4)).isEqualTo(4.4666);
    JsonArray grad = first.getJsonArray("grad");
    assertThat(rounded(grad.getDouble(0), 4)).isEqualTo(-1.4194);
    assertThat(rounded(grad.getDouble(1), 4)).isEqualTo(0.0737);
    assertThat(rounded(grad.getDouble(2), 4)).isEqualTo(-0.9000);
    double[] loop = {4.44, 4.38, 4.30, 4.18, 4.04, 3.87, 3.67, 3.45};
    for (int i = 0; i < 8; i++) {
      assertThat(rounded(steps.getJsonObject(i + 1).getDouble("loss"), 2)).isEqualTo(loop[i]);
    }
    JsonArray params = steps.getJsonObject(8).getJsonArray("params");
    assertThat(params.getDouble(0)).isCloseTo(1.7387, within(5e-5));
    assertThat(params.getDouble(1)).isCloseTo(1.1668, within(5e-5));
    assertThat(params.getDouble(2)).isCloseTo(1.7050, within(5e-5));

    JsonObject state = server.send("GET", "/api/sessions/" + id, null, null).bodyAsJsonObject();
    assertThat(state.getLong("step")).isEqualTo(9);
    assertThat(state.containsKey("token")).isFalse();
  }

  @Test
  void dataAndEvaluateAreTheLessons() {
    String id = server.create("{}").getString("id");
    JsonObject data =
        server.send("GET", "/api/sessions/" + id + "/data", null, null).bodyAsJsonObject();
    assertThat(data.getJsonArray("x")).hasSize(20);
    assertThat(rounded(data.getJsonArray("y").getDouble(0), 4)).isEqualTo(12.9866);
    HttpResponse<Buffer> evaluated =
        server.send(
            "POST", "/api/sessions/" + id + "/evaluate", null, "{\"params\":[1.1,1.1,1.1]}");
    assertThat(evaluated.statusCode()).isEqualTo(200);
    assertThat(rounded(evaluated.bodyAsJsonObject().getDouble("loss"), 4)).isEqualTo(4.6392);
    assertThat(evaluated.bodyAsJsonObject().getJsonObject("curve").getJsonArray("x")).hasSize(100);
  }

  @Test
  void evaluateGivesTheLessonsFirstGradientWithoutAStep() {
    String id = server.create("{}").getString("id");
    JsonObject evaluated =
        server
            .send("POST", "/api/sessions/" + id + "/evaluate", null, "{\"params\":[1.1,1.2,1.3]}")
            .bodyAsJsonObject();
    // loss.backward(); abc.grad → tensor([-1.4194, 0.0737, -0.9000])
    JsonArray grad = evaluated.getJsonArray("grad");
    assertThat(rounded(grad.getDouble(0), 4)).isEqualTo(-1.4194);
    assertThat(rounded(grad.getDouble(1), 4)).isEqualTo(0.0737);
    assertThat(rounded(grad.getDouble(2), 4)).isEqualTo(-0.9000);
    assertThat(
            server
                .send("GET", "/api/sessions/" + id, null, null)
                .bodyAsJsonObject()
                .getLong("step"))
        .isZero();
  }

  @Test
  void restartStartsAfreshFromTheParametersAndResetReturnsThere() {
    JsonObject created = server.create("{}");
    String path = "/api/sessions/" + created.getString("id");
    String token = created.getString("token");
    server.send("POST", path + "/steps", token, "{\"count\":2}");
    HttpResponse<Buffer> restarted =
        server.send("POST", path + "/restart", token, "{\"params\":[3,4,5]}");
    assertThat(restarted.statusCode()).isEqualTo(200);
    JsonObject state = restarted.bodyAsJsonObject();
    assertThat(state.getLong("step")).isZero();
    assertThat(state.getJsonArray("params").getList()).containsExactly(3.0, 4.0, 5.0);
    assertThat(state.getJsonArray("grad").getList()).containsOnly(0.0);
    assertThat(state.getJsonObject("spec").getJsonArray("init").getList())
        .containsExactly(3.0, 4.0, 5.0);
    JsonObject history = server.send("GET", path + "/history", null, null).bodyAsJsonObject();
    assertThat(history.getJsonArray("steps")).isEmpty();

    server.send("POST", path + "/steps", token, "{\"count\":3}");
    JsonObject reset = server.send("POST", path + "/reset", token, null).bodyAsJsonObject();
    assertThat(reset.getLong("step")).isZero();
    assertThat(reset.getJsonArray("params").getList()).containsExactly(3.0, 4.0, 5.0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|params",
        "{\"params\":[1,2]}|params",
        "{\"params\":[1,\"x\",3]}|params[1]",
        "{\"params\":[1,2,1e7]}|params[2]",
        "{\"params\":[1,2,3],\"step\":0}|step",
      })
  void badRestartsAreRefusedNamingTheField(String body, String field) {
    JsonObject created = server.create("{}");
    String path = "/api/sessions/" + created.getString("id");
    HttpResponse<Buffer> refused =
        server.send("POST", path + "/restart", created.getString("token"), body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo(field);
    assertThat(
            server
                .send("GET", path, null, null)
                .bodyAsJsonObject()
                .getJsonArray("params")
                .getList())
        .containsExactly(1.1, 1.2, 1.3);
  }

  @Test
  void overridesApplyOnTopOfThePreset() {
    JsonObject created =
        server.create(
            "{\"preset\":\"notebook\",\"loss\":\"mse\",\"lr\":0.1,\"seed\":7,"
                + "\"accumulateGradients\":false,\"init\":[1,1,1]}");
    JsonObject spec = created.getJsonObject("spec");
    assertThat(spec.getString("loss")).isEqualTo("mse");
    assertThat(spec.getDouble("lr")).isEqualTo(0.1);
    assertThat(spec.getLong("seed")).isEqualTo(7);
    assertThat(created.getBoolean("accumulateGradients")).isFalse();
    assertThat(created.getJsonArray("params").getList()).containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  void drivingNeedsTheOwnersToken() {
    JsonObject created = server.create("{}");
    String path = "/api/sessions/" + created.getString("id") + "/steps";
    HttpResponse<Buffer> none = server.send("POST", path, null, "{\"count\":1}");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.bodyAsJsonObject().getString("field")).isEqualTo("Authorization");
    JsonObject other = server.create("{}");
    assertThat(server.send("POST", path, other.getString("token"), "{\"count\":1}").statusCode())
        .isEqualTo(403);
    assertThat(
            server
                .send("GET", "/api/sessions/" + created.getString("id"), null, null)
                .bodyAsJsonObject()
                .getLong("step"))
        .isZero();
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"count\":NaN}|400|",
        "{\"count\":1e400}|400|count",
        "{\"count\":\"3\"}|400|count",
        "{\"count\":-1}|400|count",
        "{\"count\":0}|400|count",
        "{\"count\":100000000000}|400|count",
        "{\"count\":2.5}|400|count",
        "{}|400|count",
        "{\"count\":1,\"extra\":1}|400|extra",
        "not json|400|",
        "[1,2]|400|",
      })
  void badStepRequestsAreRefusedAndChangeNothing(String body, int status, String field) {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    HttpResponse<Buffer> response =
        server.send("POST", "/api/sessions/" + id + "/steps", created.getString("token"), body);
    assertThat(response.statusCode()).isEqualTo(status);
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.getString("error")).isNotBlank();
    assertThat(error.getString("field")).isEqualTo(field);
    assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    JsonObject state = server.send("GET", "/api/sessions/" + id, null, null).bodyAsJsonObject();
    assertThat(state.getLong("step")).isZero();
    assertThat(state.getLong("seq")).isZero();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"lr\":1e400}|lr",
        "{\"lr\":-0.1}|lr",
        "{\"lr\":\"fast\"}|lr",
        "{\"seed\":-1}|seed",
        "{\"seed\":4294967296}|seed",
        "{\"loss\":\"hinge\"}|loss",
        "{\"preset\":\"nope\"}|preset",
        "{\"init\":[1,2]}|init",
        "{\"init\":[1,2,1e400]}|init[2]",
        "{\"model\":{\"kind\":\"relu-sum\",\"units\":100000}}|model.units",
        "{\"data\":{\"n\":100000000}}|data.n",
        "{\"data\":{\"n\":0}}|data.n",
        "{\"data\":{\"xMin\":3,\"xMax\":1}}|data.xMax",
        "{\"optimizer\":{\"kind\":\"lbfgs\"}}|optimizer.kind",
        "{\"gradients\":\"magic\"}|gradients",
        "{\"colour\":\"red\"}|colour",
      })
  void badSpecsAreRefusedNamingTheField(String body, String field) {
    HttpResponse<Buffer> response = server.send("POST", "/api/sessions", null, body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
  }

  @Test
  void oversizedBodyIs413() {
    String big = "{\"params\":[" + "1,".repeat(40_000) + "1]}";
    String id = server.create("{}").getString("id");
    HttpResponse<Buffer> response =
        server.send("POST", "/api/sessions/" + id + "/evaluate", null, big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("too large");
  }

  @Test
  void metricsReportSessionsAndHeap() {
    server.create("{}");
    JsonObject metrics = server.send("GET", "/api/metrics", null, null).bodyAsJsonObject();
    assertThat(metrics.getInteger("sessions")).isPositive();
    assertThat(metrics.getLong("heapUsedBytes")).isPositive();
  }

  @Test
  void unknownSessionIs404() {
    HttpResponse<Buffer> response = server.send("GET", "/api/sessions/nosuchsession", null, null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("id");
  }

  @Test
  void runPauseResetLearningRateParamsAndDelete() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    String token = created.getString("token");
    String base = "/api/sessions/" + id;
    assertThat(
            server
                .send("POST", base + "/run", token, "{\"count\":10000000}")
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("running");
    assertThat(server.send("POST", base + "/steps", token, "{\"count\":1}").statusCode())
        .isEqualTo(409);
    JsonObject paused = server.send("POST", base + "/pause", token, null).bodyAsJsonObject();
    assertThat(paused.getString("status")).isEqualTo("idle");
    assertThat(paused.getLong("step")).isPositive();
    assertThat(
            server
                .send("PUT", base + "/lr", token, "{\"lr\":0.05}")
                .bodyAsJsonObject()
                .getDouble("lr"))
        .isEqualTo(0.05);
    assertThat(
            server
                .send("PUT", base + "/params", token, "{\"params\":[3,4,5]}")
                .bodyAsJsonObject()
                .getJsonArray("params")
                .getList())
        .containsExactly(3.0, 4.0, 5.0);
    assertThat(
            server
                .send("PUT", base + "/accumulate", token, "{\"accumulateGradients\":false}")
                .bodyAsJsonObject()
                .getBoolean("accumulateGradients"))
        .isFalse();
    JsonObject reset = server.send("POST", base + "/reset", token, null).bodyAsJsonObject();
    assertThat(reset.getLong("step")).isZero();
    assertThat(reset.getJsonArray("params").getList()).containsExactly(1.1, 1.2, 1.3);
    assertThat(server.send("DELETE", base, null, null).statusCode()).isEqualTo(401);
    assertThat(server.send("DELETE", base, token, null).statusCode()).isEqualTo(204);
    assertThat(server.send("GET", base, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void divergingSessionReportsWithoutNaN() {
    JsonObject created =
        server.create("{\"loss\":\"mse\",\"lr\":1000000,\"accumulateGradients\":false}");
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/sessions/" + created.getString("id") + "/steps",
            created.getString("token"),
            "{\"count\":1000}");
    assertThat(response.statusCode()).isEqualTo(200);
    String text = response.bodyAsString();
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    JsonObject state = response.bodyAsJsonObject().getJsonObject("state");
    assertThat(state.getString("status")).isEqualTo("diverged");
    assertThat(state.getJsonObject("divergence").getString("reason")).isNotBlank();
    assertThat(response.bodyAsJsonObject().getJsonArray("steps").size()).isLessThan(1000);
  }

  @Test
  void historyExportsAsJsonAndCsv() {
    JsonObject created = server.create("{}");
    String id = created.getString("id");
    server.send(
        "POST", "/api/sessions/" + id + "/steps", created.getString("token"), "{\"count\":5}");
    JsonObject json =
        server
            .send("GET", "/api/sessions/" + id + "/history?format=json", null, null)
            .bodyAsJsonObject();
    assertThat(json.getJsonArray("steps")).hasSize(5);
    assertThat(json.getJsonArray("paramNames").getList()).containsExactly("a", "b", "c");
    HttpResponse<Buffer> csv =
        server.send("GET", "/api/sessions/" + id + "/history?format=csv", null, null);
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    String[] lines = csv.bodyAsString().split("\n");
    assertThat(lines[0]).isEqualTo("step,loss,lr,a,b,c,grad_a,grad_b,grad_c");
    assertThat(lines).hasSize(6);
    assertThat(lines[1]).startsWith("1,4.4666");
    assertThat(
            server
                .send("GET", "/api/sessions/" + id + "/history?format=xml", null, null)
                .statusCode())
        .isEqualTo(400);
  }
}
