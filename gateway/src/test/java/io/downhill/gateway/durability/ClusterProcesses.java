package io.downhill.gateway.durability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;

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
  static void awaitMembers(Http http, int count) throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        JsonArray members = http.get("/api/cluster", null).getJsonArray("members");
        long up =
            members.stream().filter(m -> "up".equals(((JsonObject) m).getString("status"))).count();
        if (up == count) {
          return;
        }
      } catch (AssertionError | IOException notYet) {
        // the node is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the cluster did not reach " + count + " members");
  }
}
