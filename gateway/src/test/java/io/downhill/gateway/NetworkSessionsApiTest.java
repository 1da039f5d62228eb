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

/** A session that fits a small neural network (`"kind":"mlp"`) over real HTTP. */
class NetworkSessionsApiTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  private static final String NETWORK =
      "{\"model\":{\"kind\":\"mlp\",\"hidden\":[8,8]},\"accumulateGradients\":false}";

  @Test
  void aNetworkLearnsTheNotebooksData() {
    JsonObject created = server.create(NETWORK);
    int parameters = 8 + 8 + 64 + 8 + 8 + 1;
    assertThat(created.getJsonArray("params")).hasSize(parameters);
    assertThat(created.getJsonArray("paramNames").getString(0)).isEqualTo("w1[1][1]");
    assertThat(created.getJsonArray("paramNames").getString(parameters - 1)).isEqualTo("b3[1]");
    JsonObject model = created.getJsonObject("spec").getJsonObject("model");
    assertThat(model.getString("kind")).isEqualTo("mlp");
    assertThat(model.getJsonArray("hidden").getList()).containsExactly(8, 8);

    String id = created.getString("id");
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/sessions/" + id + "/steps",
            created.getString("token"),
            "{\"count\":500}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray steps = response.bodyAsJsonObject().getJsonArray("steps");
    double first = created.getDouble("loss");
    double last = response.bodyAsJsonObject().getJsonObject("state").getDouble("loss");
    assertThat(steps).isNotEmpty();
    assertThat(last).isLessThan(first / 2);
  }

  @Test
  void theSameSpecStartsAtTheSameSeededWeightsAndAnotherSeedElsewhere() {
    JsonArray one = server.create(NETWORK).getJsonArray("params");
    JsonArray two = server.create(NETWORK).getJsonArray("params");
    JsonArray other =
        server
            .create("{\"seed\":7,\"model\":{\"kind\":\"mlp\",\"hidden\":[8,8]}}")
            .getJsonArray("params");
    assertThat(two).isEqualTo(one);
    assertThat(other).isNotEqualTo(one);
  }

  @Test
  void settingOneWeightChangesTheLoss() {
    JsonObject created = server.create(NETWORK);
    String id = created.getString("id");
    JsonArray params = created.getJsonArray("params").copy();
    params.set(params.size() - 1, params.getDouble(params.size() - 1) + 5);
    HttpResponse<Buffer> response =
        server.send(
            "PUT",
            "/api/sessions/" + id + "/params",
            created.getString("token"),
            new JsonObject().put("params", params).encode());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject state = response.bodyAsJsonObject();
    assertThat(state.getJsonArray("params")).isEqualTo(params);
    assertThat(state.getDouble("loss")).isNotEqualTo(created.getDouble("loss"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[]}}|model.hidden",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[2,2,2,2]}}|model.hidden",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":8}}|model.hidden",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[8,0]}}|model.hidden[1]",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[65]}}|model.hidden[0]",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[2.5]}}|model.hidden[0]",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[\"8\"]}}|model.hidden[0]",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[64,64,64]}}|model.hidden",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[8],\"size\":3}}|model.size",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[8]},\"init\":[1,2,3]}|init",
        "{\"model\":{\"kind\":\"mlp\",\"hidden\":[16,16,16]},\"data\":{\"n\":10000}}|data.n",
        "{\"model\":{\"kind\":\"network\"}}|model.kind",
      })
  void badNetworksAreRefusedNamingTheField(String body, String field) {
    HttpResponse<Buffer> response = server.send("POST", "/api/sessions", null, body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
    assertThat(response.bodyAsJsonObject().getString("error")).isNotBlank();
  }

  @Test
  void aSweepOfANetworkIsRefusedOnTheModelKind() {
    HttpResponse<Buffer> response =
        server.send(
            "POST",
            "/api/sweeps",
            null,
            "{\"model\":{\"kind\":\"mlp\",\"hidden\":[4]},\"lr\":[0.01,0.1],\"steps\":10}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo("model.kind");
    assertThat(response.bodyAsJsonObject().getString("error")).contains("mlp");
  }
}
