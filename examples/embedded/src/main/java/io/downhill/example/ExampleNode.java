package io.downhill.example;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.ClusterNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * @param cluster its place in the cluster: host, port and seed nodes (none: alone)
 * @param journalUrl the journal's JDBC URL (H2 or PostgreSQL), or null for the configured one
 */
record ExampleNode(ClusterNode cluster, String journalUrl) {

  /** One node alone, with its journal in memory. */
  static ExampleNode alone() {
    return new ExampleNode(ClusterNode.defaults(), null);
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
        cluster.over(
            ConfigFactory.parseMap(values)
                .withFallback(ConfigFactory.parseResources("embedded.conf"))));
  }

  /**
   * Starts the actor system and returns it once this node is up in its cluster: at once when alone,
   * when the seed nodes let it in otherwise.
   */
  ActorSystem<Void> start(Config config, Duration timeout) {
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), ClusterNode.SYSTEM_NAME, config);
    Cluster member = Cluster.get(system.classicSystem());
    CompletableFuture<Void> up = new CompletableFuture<>();
    member.registerOnMemberUp(() -> up.complete(null));
    if (cluster.seeds().isEmpty()) {
      member.join(member.selfAddress());
    }
    try {
      up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return system;
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException(
          "this node did not join the cluster within "
              + timeout
              + " (seeds "
              + cluster.seeds()
              + ")",
          e);
    }
  }
}
