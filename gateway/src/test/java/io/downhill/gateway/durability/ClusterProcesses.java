package io.downhill.gateway.durability;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** What the tests that run several server processes as one cluster share. */
final class ClusterProcesses {
  private ClusterProcesses() {}

  /** Ports handed out by {@link #freePort}, never handed out twice. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port free now, for a node's cluster endpoint (the seeds must be known in advance). It lies
   * below the kernel's ephemeral range: a port the kernel picked (bind to port 0) would be free
   * again once checked, and the kernel could give it to the next process that asks, as it did to a
   * node's own connection before the node meant to listen there had started. Below that range only
   * a process naming the port itself can take it.
   */
  static int freePort() throws IOException {
    int below = ephemeralRangeStart();
    if (below < 2048) {
      throw new IOException("the ephemeral port range starts at " + below + ": no room below it");
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(below / 2, below);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException taken) {
        continue;
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IOException("no free port below " + below + " after 200 tries");
  }

  /** The first port of the kernel's ephemeral range (Linux's default start when unreadable). */
  private static int ephemeralRangeStart() {
    try {
      // readAllLines, not readString: a /proc file reports size 0, and readString returned only
      // its first byte here.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      return 32768;
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
