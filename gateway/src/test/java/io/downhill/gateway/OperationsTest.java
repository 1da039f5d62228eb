package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prometheus metrics and health checks, over real HTTP against a real server. */
class OperationsTest {
  @RegisterExtension static final LiveServer open = LiveServer.start();

  @RegisterExtension
  static final LiveServer guarded =
      LiveServer.start(Map.of("downhill.gateway.metrics-token", "s3cret"));

  @Test
  void metricsCarryVertxJvmAndDownhillMetersForThisMachine() {
    open.create("{\"preset\":\"notebook\"}");
    HttpResponse<Buffer> metrics = open.send("GET", "/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("content-type")).startsWith("text/plain");
    assertThat(metrics.bodyAsString())
        .contains("vertx_http_server_requests_total")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_usage")
        .contains("downhill_websocket_clients")
        .contains("downhill_frames_sent_total")
        .contains("downhill_sessions_in_memory")
        .contains("downhill_sessions_running")
        .contains("downhill_session_steps_total");
    // The create above was stored: the journal's write latency has at least one sample.
    double writes =
        metrics
            .bodyAsString()
            .lines()
            .filter(line -> line.startsWith("downhill_journal_persist_seconds_count"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElse(0);
    assertThat(writes).isPositive();
  }

  @Test
  void refusalsAreCountedByChannelAndStatus() {
    open.send("GET", "/api/sessions/nosuchsession", null, null);
    String metrics = open.send("GET", "/metrics", null, null).bodyAsString();
    assertThat(metrics)
        .containsPattern("downhill_refusals_total\\{channel=\"http\",status=\"404\"\\} [1-9]");
  }

  @Test
  void stepsMadeAreCounted() {
    JsonObject created = open.create("{\"preset\":\"notebook\"}");
    String id = created.getString("id");
    String token = created.getString("token");
    open.send("POST", "/api/sessions/" + id + "/steps", token, "{\"count\":7}");
    String metrics = open.send("GET", "/metrics", null, null).bodyAsString();
    double steps =
        metrics
            .lines()
            .filter(line -> line.startsWith("downhill_session_steps_total"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElse(0);
    assertThat(steps).isGreaterThanOrEqualTo(7);
  }

  @Test
  void withAMetricsTokenOnlyItsHoldersScrape() {
    assertThat(guarded.send("GET", "/metrics", null, null).statusCode()).isEqualTo(403);
    assertThat(guarded.send("GET", "/metrics", "wrong", null).statusCode()).isEqualTo(403);
    assertThat(guarded.send("GET", "/metrics", "s3cret", null).statusCode()).isEqualTo(200);
  }

  @Test
  void readyMeansTheActorsTheEngineAndTheJournalAnswer() {
    HttpResponse<Buffer> live = open.send("GET", "/health/live", null, null);
    assertThat(live.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = open.send("GET", "/health/ready", null, null);
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("outcome")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").encode())
        .contains("actor-system", "tensor-engine", "journal");
  }
}
