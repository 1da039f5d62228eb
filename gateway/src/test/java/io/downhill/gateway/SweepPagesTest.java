package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sweep of 10,000 variants of 64 ReLUs (about 10 MB of variants) over real HTTP and WebSocket:
 * REST answers in pages within the value budget, the stream in frames of at most about 128 KiB, and
 * both assemble to every variant once, in order.
 */
class SweepPagesTest {
  static final long BUDGET = 200_000;
  static final int FRAME = 128 * 1024;
  static final int VARIANTS = 10_000;
  static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final LiveServer server = LiveServer.start();
  static String id;
  static String token;
  static HttpResponse<Buffer> created;

  @BeforeAll
  static void start() {
    created =
        server.send(
            "POST",
            "/api/sweeps",
            null,
            "{\"model\":{\"kind\":\"relu-sum\",\"units\":64},\"data\":{\"n\":1},\"steps\":10,"
                + "\"lr\":{\"from\":0.0001,\"to\":0.01,\"count\":"
                + VARIANTS
                + ",\"scale\":\"log\"},\"start\":false}");
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    id = created.bodyAsJsonObject().getString("id");
    token = created.bodyAsJsonObject().getString("token");
    System.out.printf(
        "POST /api/sweeps with %d variants of 64 ReLUs: %d bytes%n",
        VARIANTS, created.body().length());
  }

  @Test
  void theStateComesInPagesThatFollowNextToEveryVariant() {
    JsonObject first = created.bodyAsJsonObject();
    assertThat(BoundedAnswersTest.numbers(first)).isLessThanOrEqualTo(BUDGET);
    assertThat(first.getInteger("variantCount")).isEqualTo(VARIANTS);
    assertThat(first.getInteger("next")).isEqualTo(first.getJsonArray("variants").size());

    List<JsonObject> read = new ArrayList<>();
    Integer from = 0;
    long largest = 0;
    while (from != null) {
      HttpResponse<Buffer> response =
          server.send("GET", "/api/sweeps/" + id + "?from=" + from, null, null);
      JsonObject page = response.bodyAsJsonObject();
      assertThat(BoundedAnswersTest.numbers(page)).isLessThanOrEqualTo(BUDGET);
      assertThat(page.getJsonArray("variants")).isNotEmpty();
      page.getJsonArray("variants").forEach(v -> read.add((JsonObject) v));
      largest = Math.max(largest, response.body().length());
      from = page.getInteger("next");
    }
    System.out.printf("GET /api/sweeps/{id} pages: the largest %d bytes%n", largest);
    assertThat(read).hasSize(VARIANTS);
    for (int k = 0; k < VARIANTS; k++) {
      assertThat(read.get(k).getInteger("index")).isEqualTo(k);
      assertThat(read.get(k).getJsonArray("params")).hasSize(128);
    }
    JsonObject variant =
        server.send("GET", "/api/sweeps/" + id + "/variants/4321", null, null).bodyAsJsonObject();
    assertThat(read.get(4321)).isEqualTo(variant);

    JsonObject limited =
        server
            .send("GET", "/api/sweeps/" + id + "?from=9998&limit=5", null, null)
            .bodyAsJsonObject();
    assertThat(limited.getJsonArray("variants")).hasSize(2);
    assertThat(limited.getValue("next")).isNull();
    assertThat(
            server
                .send("GET", "/api/sweeps/" + id + "?from=3&limit=2", null, null)
                .bodyAsJsonObject()
                .getInteger("next"))
        .isEqualTo(5);
  }

  @ParameterizedTest
  @CsvSource({"from=-1, from", "from=x, from", "from=1&from=2, from", "limit=0, limit"})
  void badPagesAreRefusedNamingTheField(String query, String field) {
    HttpResponse<Buffer> response =
        server.send("GET", "/api/sweeps/" + id + "?" + query, null, null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
  }

  @Test
  void overTheWebSocketTheStateAndProgressComeInFramesUnderTheBudget() {
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(new JsonObject().put("type", "subscribe").put("sweep", id));
      JsonObject state = ws.next(m -> "sweep-state".equals(m.getString("type")), WAIT);
      assertThat(state.getString("change")).isEqualTo("subscribed");
      List<JsonObject> variants = assemble(ws, state);
      assertThat(variants).hasSize(VARIANTS);
      for (int k = 0; k < VARIANTS; k++) {
        assertThat(variants.get(k).getInteger("index")).isEqualTo(k);
      }

      server.send("POST", "/api/sweeps/" + id + "/run", token, null);
      // This client falls behind (each state is megabytes, its queue 256 KiB): it may get the
      // latest state instead of some progress; whatever comes is bounded all the same.
      JsonObject finished = null;
      while (finished == null) {
        JsonObject message =
            ws.next(m -> m.getString("type").startsWith("sweep-"), Duration.ofSeconds(60));
        if ("sweep-progress".equals(message.getString("type"))) {
          assertThat(message.getJsonArray("variants").size()).isLessThanOrEqualTo(4000);
        } else if ("run-finished".equals(message.getString("change"))) {
          finished = message;
        }
      }
      assertThat(assemble(ws, finished)).hasSize(VARIANTS);
      assertThat(finished.getJsonObject("state").getString("status")).isEqualTo("finished");
      List<Integer> lengths = new ArrayList<>(ws.frameLengths);
      System.out.printf(
          "sweep over the WebSocket: %d frames, the largest %d characters%n",
          lengths.size(), lengths.stream().mapToInt(Integer::intValue).max().orElse(0));
      assertThat(lengths).allMatch(length -> length <= FRAME + 16);
    }
  }

  /** The state's variants and those of the sweep-variants messages that follow it. */
  private static List<JsonObject> assemble(WsClient ws, JsonObject state) {
    List<JsonObject> variants = new ArrayList<>();
    state
        .getJsonObject("state")
        .getJsonArray("variants")
        .forEach(v -> variants.add((JsonObject) v));
    Integer next = state.getJsonObject("state").getInteger("next");
    while (next != null) {
      JsonObject part = ws.next(m -> "sweep-variants".equals(m.getString("type")), WAIT);
      assertThat(part.getLong("seq")).isEqualTo(state.getLong("seq"));
      assertThat(part.getInteger("from")).isEqualTo(next).isEqualTo(variants.size());
      part.getJsonArray("variants").forEach(v -> variants.add((JsonObject) v));
      next = part.getInteger("next");
    }
    return variants;
  }
}
