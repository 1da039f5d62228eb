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

/** A validation share of the points, over real HTTP against a real server on a free port. */
class ValidationApiTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static JsonObject data(String id) {
    return server.send("GET", "/api/sessions/" + id + "/data", null, null).bodyAsJsonObject();
  }

  @Test
  void aValidationShareHoldsPointsOutAndEveryStepReportsTheirLoss() {
    JsonObject created =
        server.create("{\"preset\":\"relu\",\"data\":{\"validationFraction\":0.3}}");
    String id = created.getString("id");
    assertThat(created.getJsonObject("spec").getJsonObject("data").getDouble("validationFraction"))
        .isEqualTo(0.3);
    JsonObject data = data(id);
    assertThat(data.getJsonArray("x")).hasSize(14);
    assertThat(data.getJsonObject("validation").getJsonArray("x")).hasSize(6);
    JsonArray steps =
        server
            .send(
                "POST",
                "/api/sessions/" + id + "/steps",
                created.getString("token"),
                "{\"count\":3}")
            .bodyAsJsonObject()
            .getJsonArray("steps");
    assertThat(steps.getJsonObject(0).getDouble("validationLoss")).isPositive();
    JsonObject history =
        server.send("GET", "/api/sessions/" + id + "/history", null, null).bodyAsJsonObject();
    assertThat(history.getJsonArray("steps").getJsonObject(2).getDouble("validationLoss"))
        .isEqualTo(steps.getJsonObject(2).getDouble("validationLoss"));
    String csv =
        server
            .send("GET", "/api/sessions/" + id + "/history?format=csv", null, null)
            .bodyAsString();
    assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",validation_loss");
    assertThat(csv.lines().count()).isEqualTo(4);

    // Without a share, nothing about validation is sent.
    JsonObject plain = server.create("{}");
    JsonObject step =
        server
            .send(
                "POST",
                "/api/sessions/" + plain.getString("id") + "/steps",
                plain.getString("token"),
                "{\"count\":1}")
            .bodyAsJsonObject()
            .getJsonArray("steps")
            .getJsonObject(0);
    assertThat(step.containsKey("validationLoss")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"0.6", "-0.1", "'\"half\"'"})
  void aValidationShareOutsideZeroToAHalfIsRefused(String fraction) {
    HttpResponse<Buffer> response =
        server.send(
            "POST", "/api/sessions", null, "{\"data\":{\"validationFraction\":" + fraction + "}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("data.validationFraction");
  }

  @Test
  void aSweepHoldsNoPointsOut() {
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/sweeps",
            null,
            "{\"preset\":\"relu\",\"data\":{\"validationFraction\":0.2},\"start\":false}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("data.validationFraction");
  }
}
