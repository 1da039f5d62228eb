package io.downhill.gateway.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A rolling restart of a three-node cluster under a running workshop of 30 participants: each node
 * in turn is stopped with SIGTERM and started again on the same ports, and meanwhile every
 * participant keeps stepping through the nodes that are up. No participant loses a step they were
 * acknowledged, and the room is whole at the end.
 */
class RollingRestartTest {
  private static final int PARTICIPANTS = 30;

  @TempDir Path folder;

  private record Participant(String session, String token) {}

  @ParameterizedTest
  @MethodSource("io.downhill.gateway.durability.Journals#kinds")
  void noAcknowledgedStepIsLostWhileEveryNodeRestartsInTurn(String journal) throws Exception {
    List<String> where = Journals.arguments(journal, folder.resolve("data"));
    Path logs = Files.createDirectories(Path.of("target", "rolling-restart"));
    int[] clusterPorts = {
      ClusterProcesses.freePort(), ClusterProcesses.freePort(), ClusterProcesses.freePort()
    };
    String seeds = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1];
    ServerProcess[] nodes = new ServerProcess[3];
    try {
      for (int n = 0; n < 3; n++) {
        nodes[n] = start(journal, where, logs, clusterPorts, seeds, n, 0);
      }
      ClusterProcesses.awaitMembers(new Http(nodes[0].port()), 3);

      Http first = new Http(nodes[0].port());
      JsonObject workshop = first.post("/api/workshops", null, "{\"title\":\"Rolling\"}", 201);
      List<Participant> room = new ArrayList<>();
      for (int p = 0; p < PARTICIPANTS; p++) {
        JsonObject joined =
            new Http(nodes[p % 3].port())
                .post(
                    "/api/workshops/join",
                    null,
                    new JsonObject()
                        .put("code", workshop.getString("code"))
                        .put("name", "P" + p)
                        .encode(),
                    200);
        room.add(new Participant(joined.getString("session"), joined.getString("token")));
      }
      long[] acknowledged = new long[PARTICIPANTS];
      stepEveryone(room, acknowledged, new Http(nodes[1].port()), new Http(nodes[2].port()));

      for (int restarting = 0; restarting < 3; restarting++) {
        int code = nodes[restarting].terminate(Duration.ofSeconds(30));
        assertThat(code).as("node %d stops cleanly", restarting).isNotEqualTo(-1);
        Http upA = new Http(nodes[(restarting + 1) % 3].port());
        Http upB = new Http(nodes[(restarting + 2) % 3].port());
        stepEveryone(room, acknowledged, upA, upB);
        nodes[restarting] = start(journal, where, logs, clusterPorts, seeds, restarting, 1);
        ClusterProcesses.awaitMembers(upA, 3);
        stepEveryone(room, acknowledged, new Http(nodes[restarting].port()), upB);
      }

      for (int p = 0; p < PARTICIPANTS; p++) {
        JsonObject state =
            new Http(nodes[p % 3].port()).get("/api/sessions/" + room.get(p).session(), null);
        assertThat(state.getLong("step"))
            .as("participant %d", p)
            .isGreaterThanOrEqualTo(acknowledged[p]);
      }
      JsonObject seen =
          new Http(nodes[2].port())
              .get(
                  "/api/workshops/" + workshop.getString("id"),
                  workshop.getString("instructorToken"));
      assertThat(seen.getJsonArray("participants")).hasSize(PARTICIPANTS);
    } finally {
      for (ServerProcess node : nodes) {
        if (node != null) {
          node.close();
        }
      }
    }
  }

  private static ServerProcess start(
      String journal,
      List<String> where,
      Path logs,
      int[] clusterPorts,
      String seeds,
      int n,
      int round)
      throws IOException {
    List<String> args = new ArrayList<>(where);
    args.addAll(List.of("--cluster-port", String.valueOf(clusterPorts[n]), "--seed-nodes", seeds));
    return ServerProcess.start(
        logs.resolve(journal + "-node" + n + "-" + round + ".log"),
        clusterPorts[n],
        args.toArray(String[]::new));
  }

  /**
   * One acknowledged step for every participant, through whichever of the two nodes answers; a step
   * is counted only when its reply came (503 while a shard moves is retried).
   */
  private static void stepEveryone(List<Participant> room, long[] acknowledged, Http a, Http b)
      throws Exception {
    for (int p = 0; p < room.size(); p++) {
      Participant participant = room.get(p);
      Http[] via = {p % 2 == 0 ? a : b};
      JsonObject stepped =
          await("participant " + p + " to step")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .pollDelay(Duration.ZERO)
              .until(
                  () -> {
                    try {
                      return via[0].post(
                          "/api/sessions/" + participant.session() + "/steps",
                          participant.token(),
                          "{\"count\":1}",
                          200);
                    } catch (AssertionError | IOException notNow) {
                      via[0] = via[0] == a ? b : a; // the other node, next time
                      return null;
                    }
                  },
                  java.util.Objects::nonNull);
      // A request that timed out may still have stepped: at least one more, never fewer.
      long step = stepped.getJsonObject("state").getLong("step");
      assertThat(step)
          .as("participant %d goes on from its last step", p)
          .isGreaterThan(acknowledged[p]);
      acknowledged[p] = step;
    }
  }
}
