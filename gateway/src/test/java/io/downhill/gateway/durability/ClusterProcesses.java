package io.downhill.gateway.durability;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/** What the tests that run several server processes as one cluster share. */
final class ClusterProcesses {
  private ClusterProcesses() {}

  /** A port free now, for a node's cluster endpoint (the seeds must be known in advance). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until the node behind {@code http} sees {@code count} members up. */
  static void awaitMembers(Http http, int count) {
    await("the cluster to reach " + count + " members")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> membersUp(http) == count);
  }

  /** Members up as {@code http}'s node sees them; -1 while the node is still starting. */
  private static long membersUp(Http http) throws InterruptedException {
    try {
      JsonArray members = http.get("/api/cluster", null).getJsonArray("members");
      return members.stream()
          .filter(m -> "up".equals(((JsonObject) m).getString("status")))
          .count();
    } catch (AssertionError | IOException notYet) {
      return -1;
    }
  }
}
