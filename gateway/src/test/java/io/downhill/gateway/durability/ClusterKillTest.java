package io.downhill.gateway.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three real server processes form one cluster on a shared journal. The node that hosts a running
 * session is killed with SIGKILL: the split brain resolver downs it, the session comes back on a
 * survivor by itself, and through any other node it is reachable again within 30 seconds with no
 * acknowledged step lost and the trajectory of an uninterrupted run.
 */
class ClusterKillTest {
  @TempDir Path folder;

  @ParameterizedTest
  @MethodSource("io.downhill.gateway.durability.Journals#kinds")
  void killingTheHostOfARunningSessionLosesNothing(String journal) throws Exception {
    List<String> where = Journals.arguments(journal, folder.resolve("data"));
    Path logs = Files.createDirectories(Path.of("target", "cluster-kill"));
    int[] clusterPorts = {
      ClusterProcesses.freePort(), ClusterProcesses.freePort(), ClusterProcesses.freePort()
    };
    String seeds = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1];
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int n = 0; n < 3; n++) {
        List<String> args = new ArrayList<>(where);
        args.addAll(
            List.of("--cluster-port", String.valueOf(clusterPorts[n]), "--seed-nodes", seeds));
        nodes.add(
            ServerProcess.start(
                logs.resolve(journal + "-node" + n + ".log"),
                clusterPorts[n],
                args.toArray(String[]::new)));
      }
      Http any = new Http(nodes.get(0).port());
      ClusterProcesses.awaitMembers(any, 3);

      JsonObject created = any.post("/api/sessions", null, "{\"preset\":\"notebook\"}", 201);
      String id = created.getString("id");
      String token = created.getString("token");
      String host = created.getString("node");
      JsonObject stepped = any.post("/api/sessions/" + id + "/steps", token, "{\"count\":40}", 200);
      long acknowledged = stepped.getJsonObject("state").getLong("step");
      any.post(
          "/api/sessions/" + id + "/run", token, "{\"count\":1000000,\"stepsPerSecond\":300}", 200);
      // Past a checkpoint or two (one a second while running, 300 steps a second).
      await("the run past its checkpoints")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> any.get("/api/sessions/" + id, null).getLong("step") >= acknowledged + 750);

      int victim = -1;
      for (int n = 0; n < 3; n++) {
        if (host.equals("127.0.0.1:" + clusterPorts[n])) {
          victim = n;
        }
      }
      assertThat(victim).as("the host %s is one of the three nodes", host).isNotNegative();
      long seenBefore =
          new Http(nodes.get(victim).port()).get("/api/sessions/" + id, null).getLong("step");
      long killedAt = System.nanoTime();
      nodes.get(victim).kill();

      Http survivor = new Http(nodes.get((victim + 1) % 3).port());
      JsonObject back =
          await("the session running on a survivor")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> {
                    try {
                      return survivor.get("/api/sessions/" + id, null);
                    } catch (AssertionError | IOException notYet) {
                      return null; // 503 while the dead node's shards move
                    }
                  },
                  state ->
                      state != null
                          && !state.getString("node").equals(host)
                          && state.getString("status").equals("running"));
      double seconds = (System.nanoTime() - killedAt) / 1e9;
      System.out.printf(
          "session back on %s after %.1f s%n",
          back == null ? "-" : back.getString("node"), seconds);
      assertThat(back).as("the session on a survivor").isNotNull();
      assertThat(seconds).as("seconds until reachable again").isLessThan(30);
      assertThat(back.getLong("step")).isGreaterThanOrEqualTo(acknowledged);
      assertThat(back.getLong("step")).isGreaterThan(seenBefore - 400);

      JsonObject paused = survivor.post("/api/sessions/" + id + "/pause", token, null, 200);
      long step = paused.getLong("step");
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
    } finally {
      for (ServerProcess node : nodes) {
        node.close();
      }
    }
  }
}
