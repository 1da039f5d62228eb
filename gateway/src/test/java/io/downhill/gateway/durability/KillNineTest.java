package io.downhill.gateway.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real server process is killed with SIGKILL in the middle of a run, then started again on the
 * same journal: every acknowledged session, workshop and sweep is there, the run resumed by itself
 * from its last checkpoint, and the trajectory is bit for bit the one an uninterrupted run makes.
 */
class KillNineTest {
  @TempDir Path folder;

  @ParameterizedTest
  @MethodSource("io.downhill.gateway.durability.Journals#kinds")
  void everythingAcknowledgedSurvivesSigkillAndTheRunGoesOnExactly(String journal)
      throws Exception {
    List<String> where = Journals.arguments(journal, folder.resolve("data"));
    Path logs = Files.createDirectories(Path.of("target", "kill-nine"));
    String id;
    String token;
    long acknowledged;
    long seenBeforeKill;
    JsonObject workshop;
    JsonObject participant;
    JsonObject sweep;
    JsonObject step50;
    try (ServerProcess server =
        ServerProcess.start(logs.resolve(journal + "-first.log"), where.toArray(String[]::new))) {
      Http http = new Http(server.port());
      JsonObject created = http.post("/api/sessions", null, "{\"preset\":\"notebook\"}", 201);
      id = created.getString("id");
      token = created.getString("token");
      JsonObject stepped =
          http.post("/api/sessions/" + id + "/steps", token, "{\"count\":50}", 200);
      acknowledged = stepped.getJsonObject("state").getLong("step");
      assertThat(acknowledged).isEqualTo(50);
      step50 = stepped.getJsonArray("steps").getJsonObject(49);
      http.post(
          "/api/sessions/" + id + "/run", token, "{\"count\":1000000,\"stepsPerSecond\":400}", 200);
      workshop = http.post("/api/workshops", null, "{\"title\":\"Kept\"}", 201);
      participant =
          http.post(
              "/api/workshops/join",
              null,
              new JsonObject().put("code", workshop.getString("code")).put("name", "Ada").encode(),
              200);
      sweep =
          http.post(
              "/api/sweeps",
              null,
              "{\"preset\":\"notebook\",\"lr\":[0.01,0.1],\"steps\":300}",
              201);
      // Let the run pass at least one checkpoint (one a second) before the power goes.
      seenBeforeKill =
          await("the run past a checkpoint")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> http.get("/api/sessions/" + created.getString("id"), null).getLong("step"),
                  s -> s >= 850);
      server.kill();
    }

    try (ServerProcess server =
        ServerProcess.start(logs.resolve(journal + "-second.log"), where.toArray(String[]::new))) {
      Http http = new Http(server.port());
      JsonObject back = http.get("/api/sessions/" + id, null);
      assertThat(back.getLong("step")).isGreaterThanOrEqualTo(acknowledged);
      assertThat(back.getString("status")).isEqualTo("running");
      // At most the steps since the last checkpoint (a second at 400 steps/s) were remade.
      assertThat(back.getLong("step")).isGreaterThan(seenBeforeKill - 600);

      JsonObject paused = http.post("/api/sessions/" + id + "/pause", token, null, 200);
      long step = paused.getLong("step");
      assertThat(step).isGreaterThanOrEqualTo(seenBeforeKill - 600);
      JsonArray params = paused.getJsonArray("params");
      try (NDManager manager = NDManager.newBaseManager();
          Trainer alone = new Trainer(Presets.notebook(), manager)) {
        StepRecord last = null;
        for (long s = 0; s < step; s++) {
          last = alone.step().orElseThrow();
        }
        for (int i = 0; i < 3; i++) {
          assertThat(params.getDouble(i)).isEqualTo(last.params()[i]);
        }
      }

      // The run's past is the same after the crash: recomputed from the journal, step for step.
      JsonObject at50 = http.get("/api/sessions/" + id + "/at/50", null);
      assertThat(at50.getDouble("loss")).isEqualTo(step50.getDouble("loss"));
      assertThat(at50.getJsonArray("params")).isEqualTo(step50.getJsonArray("params"));
      JsonObject history = http.get("/api/sessions/" + id + "/history", null);
      JsonArray steps = history.getJsonArray("steps");
      assertThat(steps.getJsonObject(steps.size() - 1).getLong("step")).isEqualTo(step);
      for (int i = 1; i < steps.size(); i++) {
        assertThat(steps.getJsonObject(i).getLong("step"))
            .isEqualTo(steps.getJsonObject(i - 1).getLong("step") + 1);
      }

      JsonObject room =
          http.get(
              "/api/workshops/" + workshop.getString("id"), workshop.getString("instructorToken"));
      assertThat(room.getString("code")).isEqualTo(workshop.getString("code"));
      assertThat(room.getJsonArray("participants").getJsonObject(0).getString("name"))
          .isEqualTo("Ada");
      JsonObject rejoined =
          http.post(
              "/api/workshops/join",
              null,
              new JsonObject()
                  .put("workshop", workshop.getString("id"))
                  .put("rejoinToken", participant.getString("token"))
                  .encode(),
              200);
      assertThat(rejoined.getString("session")).isEqualTo(participant.getString("session"));
      http.get("/api/sessions/" + participant.getString("session"), null);

      JsonObject sweepBack = http.get("/api/sweeps/" + sweep.getString("id"), null);
      assertThat(sweepBack.getJsonArray("variants")).hasSize(2);
    }
  }
}
