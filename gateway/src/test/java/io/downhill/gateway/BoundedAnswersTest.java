package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.session.Session;
import io.downhill.session.StepHistory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ten thousand steps of 64 ReLUs (259 numbers a step) over real HTTP and WebSocket: every answer
 * holds at most {@code max-values-per-answer} numbers (200,000 by default), and a client that
 * follows {@code next} reads every step once, in order, exactly as the session has it.
 */
class BoundedAnswersTest {
  static final long BUDGET = 200_000;
  static final String RELUS =
      "{\"model\":{\"kind\":\"relu-sum\",\"units\":64},\"accumulateGradients\":false,\"lr\":0.001}";
  @RegisterExtension static final LiveServer server = LiveServer.start();
  static String id;
  static String token;
  static HttpResponse<Buffer> stepped;

  @BeforeAll
  static void start() {
    JsonObject created = server.create(RELUS);
    id = created.getString("id");
    token = created.getString("token");
    stepped = server.send("POST", "/api/sessions/" + id + "/steps", token, "{\"count\":10000}");
    System.out.printf(
        "POST …/steps {\"count\":10000} on 64 ReLUs: %d bytes%n", stepped.body().length());
  }

  /** Every number in an answer, and every null written where a number was not finite. */
  static long numbers(Object json) {
    if (json == null || json instanceof Number) {
      return 1;
    }
    long count = 0;
    if (json instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        count += numbers(object.getValue(key));
      }
    } else if (json instanceof JsonArray array) {
      for (Object item : array) {
        count += numbers(item);
      }
    }
    return count;
  }

  private static JsonObject get(String path) {
    HttpResponse<Buffer> response = server.send("GET", path, null, null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The session's own record, asked of the actor without any budget: the unbounded read. */
  private static StepHistory.History unbounded() {
    var system = server.downhill().system();
    var session = ClusterSharding.get(system).entityRefFor(Session.TYPE_KEY, id);
    return AskPattern.<Session.Command, StatusReply<StepHistory.History>>ask(
            session, Session.GetHistory::all, Duration.ofSeconds(20), system.scheduler())
        .toCompletableFuture()
        .join()
        .getValue();
  }

  @Test
  void tenThousandStepsAnswerTheLastThatFitAndLinkTheRest() {
    assertThat(stepped.statusCode()).isEqualTo(200);
    JsonObject reply = stepped.bodyAsJsonObject();
    assertThat(numbers(reply)).isLessThanOrEqualTo(BUDGET);
    JsonArray steps = reply.getJsonArray("steps");
    assertThat(reply.getBoolean("truncated")).isTrue();
    assertThat(reply.getLong("omitted") + steps.size()).isEqualTo(10_000);
    assertThat(steps.size()).isGreaterThan(500);
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.getJsonObject(i).getLong("step"))
          .isEqualTo(reply.getLong("omitted") + 1 + i);
    }
    assertThat(reply.getString("history")).isEqualTo("/api/sessions/" + id + "/history?from=1");
    assertThat(reply.getJsonObject("state").getLong("step")).isEqualTo(10_000);
  }

  @Test
  void followingNextGivesEveryStepOnceInOrderAsTheSessionHasIt() {
    StepHistory.History truth = unbounded();
    List<JsonObject> read = new ArrayList<>();
    Long from = 1L;
    int pages = 0;
    long largestPage = 0;
    while (from != null) {
      HttpResponse<Buffer> response =
          server.send("GET", "/api/sessions/" + id + "/history?from=" + from, null, null);
      JsonObject page = response.bodyAsJsonObject();
      assertThat(numbers(page)).isLessThanOrEqualTo(BUDGET);
      assertThat(page.getLong("total")).isEqualTo(10_000);
      assertThat(page.getLong("from")).isEqualTo(from);
      JsonArray steps = page.getJsonArray("steps");
      assertThat((long) steps.size()).isPositive().isLessThanOrEqualTo(page.getLong("limit"));
      if (page.getValue("next") != null) {
        assertThat((long) steps.size()).isEqualTo(page.getLong("limit"));
      }
      steps.forEach(step -> read.add((JsonObject) step));
      largestPage = Math.max(largestPage, response.body().length());
      from = page.getLong("next");
      pages++;
    }
    System.out.printf(
        "history of 10,000 steps: %d pages, the largest %d bytes%n", pages, largestPage);

    assertThat(read).hasSize(truth.steps().length).hasSize(10_000);
    for (int i = 0; i < read.size(); i++) {
      JsonObject step = read.get(i);
      assertThat(step.getLong("step")).isEqualTo(truth.steps()[i]).isEqualTo(i + 1);
      assertThat(step.getDouble("loss")).isEqualTo(truth.loss()[i]);
      assertThat(step.getDouble("lr")).isEqualTo(truth.lr()[i]);
      assertThat(doubles(step.getJsonArray("params"))).containsExactly(truth.params()[i]);
      assertThat(doubles(step.getJsonArray("grad"))).containsExactly(truth.grad()[i]);
    }
    JsonObject last = read.get(read.size() - 1);
    JsonObject state = get("/api/sessions/" + id);
    assertThat(state.getLong("step")).isEqualTo(10_000);
    assertThat(doubles(state.getJsonArray("params")))
        .containsExactly(doubles(last.getJsonArray("params")));
    assertThat(doubles(state.getJsonArray("grad")))
        .containsExactly(doubles(last.getJsonArray("grad")));
    JsonObject at = get("/api/sessions/" + id + "/at/10000");
    assertThat(at.getDouble("loss")).isEqualTo(last.getDouble("loss"));
    JsonArray answered = stepped.bodyAsJsonObject().getJsonArray("steps");
    assertThat(answered.getJsonObject(answered.size() - 1)).isEqualTo(last);
  }

  @Test
  void aLimitAboveTheBudgetIsCappedAndASmallOneKept() {
    JsonObject capped = get("/api/sessions/" + id + "/history?from=9000&limit=100000");
    assertThat(capped.getLong("limit")).isLessThan(1000);
    assertThat(capped.getJsonArray("steps")).hasSize(capped.getInteger("limit"));
    assertThat(numbers(capped)).isLessThanOrEqualTo(BUDGET);

    JsonObject small = get("/api/sessions/" + id + "/history?from=9995&limit=3");
    assertThat(small.getJsonArray("steps")).hasSize(3);
    assertThat(small.getJsonArray("steps").getJsonObject(0).getLong("step")).isEqualTo(9995);
    assertThat(small.getLong("next")).isEqualTo(9998);

    JsonObject tail = get("/api/sessions/" + id + "/history?from=9999&limit=3");
    assertThat(tail.getJsonArray("steps")).hasSize(2);
    assertThat(tail.getValue("next")).isNull();
    assertThat(get("/api/sessions/" + id + "/history?from=10001").getJsonArray("steps")).isEmpty();
  }

  @Test
  void theCsvStreamsEveryStepInOrder() {
    HttpResponse<Buffer> csv =
        server.send("GET", "/api/sessions/" + id + "/history?format=csv", null, null);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    String[] lines = csv.bodyAsString().split("\n");
    assertThat(lines).hasSize(10_001);
    assertThat(lines[0]).startsWith("step,loss,lr,").endsWith(",grad_b64");
    for (int i = 1; i <= 10_000; i++) {
      assertThat(lines[i]).startsWith(i + ",");
    }
    String[] limited =
        server
            .send("GET", "/api/sessions/" + id + "/history?format=csv&from=101&limit=5", null, null)
            .bodyAsString()
            .split("\n");
    assertThat(limited).hasSize(6);
    assertThat(limited[1]).startsWith("101,");
    assertThat(limited[5]).startsWith("105,");
  }

  @ParameterizedTest
  @CsvSource({
    "from=0, from",
    "from=-1, from",
    "from=abc, from",
    "from=1.5, from",
    "from=%D9%A1, from",
    "from=1&from=2, from",
    "from=12345678901234567890, from",
    "limit=0, limit",
    "limit=, limit",
    "limit=1e3, limit",
  })
  void badPagesAreRefusedNamingTheField(String query, String field) {
    for (String format : new String[] {"json", "csv"}) {
      HttpResponse<Buffer> response =
          server.send(
              "GET", "/api/sessions/" + id + "/history?format=" + format + "&" + query, null, null);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
    }
  }

  @Test
  void stepsOverTheWebSocketFitOneFrame() {
    JsonObject created = server.create(RELUS);
    try (WsClient ws = WsClient.connect(server.vertx(), server.port(), null)) {
      ws.send(
          new JsonObject()
              .put("type", "step")
              .put("session", created.getString("id"))
              .put("token", created.getString("token"))
              .put("count", 2000)
              .put("requestId", 7));
      JsonObject reply = ws.next(m -> "reply".equals(m.getString("type")), Duration.ofSeconds(60));
      JsonObject result = reply.getJsonObject("result");
      assertThat(result.getBoolean("truncated")).isTrue();
      assertThat(result.getLong("omitted") + result.getJsonArray("steps").size()).isEqualTo(2000);
      assertThat(result.getString("history")).endsWith("/history?from=1");
      assertThat(ws.frameLengths).allMatch(length -> length <= 128 * 1024);
    }
  }

  private static double[] doubles(JsonArray array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getDouble(i);
    }
    return values;
  }
}
