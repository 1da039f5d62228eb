package io.downhill.example;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;

/**
 * The application's own actor system, a Pekko Cluster node: alone (it joins itself, its journal an
 * H2 database in memory) or a member of a running Downhill cluster (its seed nodes given, the
 * cluster's journal shared). Settings come from {@code embedded.conf} with these choices over it.
 *
 * @param seeds {@code host:port} of the cluster's seed nodes; empty to form a cluster alone
 * @param host the address other nodes reach this one at, or null for the configured one
 * @param port the cluster port, or null for the configured one (0: a free port)
 * @param journalUrl the journal's JDBC URL (H2 or PostgreSQL), or null for the configured one
 */
record ExampleNode(List<String> seeds, String host, Integer port, String journalUrl) {

  /** The system's name: a node joins only a cluster of systems with the same name. */
  static final String SYSTEM_NAME = "downhill";

  /** One node alone, with its journal in memory. */
  static ExampleNode alone() {
    return new ExampleNode(List.of(), null, null, null);
  }

  /** The journal of a server started with {@code --data folder}, which H2 lets processes share. */
  static String dataFolder(Path folder) {
    return "jdbc:h2:file:"
        + folder.toAbsolutePath().normalize().resolve("downhill")
        + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";
  }

  /** {@code embedded.conf} with this node's choices over it, over Downhill's defaults. */
  Config config() {
    Map<String, Object> values = new HashMap<>();
    if (host != null) {
      values.put("pekko.remote.artery.canonical.hostname", host);
    }
    if (port != null) {
      values.put("pekko.remote.artery.canonical.port", port);
    }
    if (!seeds.isEmpty()) {
      values.put(
          "pekko.cluster.seed-nodes",
          seeds.stream().map(seed -> "pekko://" + SYSTEM_NAME + "@" + seed).toList());
    }
    if (journalUrl != null) {
      boolean postgres = journalUrl.startsWith("jdbc:postgresql:");
      values.put("downhill.persistence.url", journalUrl);
      values.put(
          "downhill.persistence.driver", postgres ? "org.postgresql.Driver" : "org.h2.Driver");
      values.put(
          "downhill.persistence.profile",
          postgres ? "slick.jdbc.PostgresProfile$" : "slick.jdbc.H2Profile$");
    }
    return ConfigFactory.load(
        ConfigFactory.parseMap(values).withFallback(ConfigFactory.parseResources("embedded.conf")));
  }

  /**
   * Starts the actor system and returns it once this node is up in its cluster: at once when alone,
   * when the seed nodes let it in otherwise.
   */
  ActorSystem<Void> start(Config config, Duration timeout) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
    Cluster cluster = Cluster.get(system.classicSystem());
    CompletableFuture<Void> up = new CompletableFuture<>();
    cluster.registerOnMemberUp(() -> up.complete(null));
    if (seeds.isEmpty()) {
      cluster.join(cluster.selfAddress());
    }
    try {
      up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return system;
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException(
          "this node did not join the cluster within " + timeout + " (seeds " + seeds + ")", e);
    }
  }
}
