package io.downhill.testing;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.Downhill;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * An actor test kit whose system is a one-node cluster with Downhill's entities sharded on a real
 * JDBC journal (an H2 database in memory, its own per kit), and every message checked for
 * serialization as if it crossed nodes.
 */
public final class EntityTestKit {
  private EntityTestKit() {}

  /** The configuration of a test system on the H2 database {@code database}. */
  public static Config config(String database, Map<String, Object> overrides) {
    String url = "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=false";
    String journal =
        """
        pekko.actor.provider = cluster
        pekko.actor.serialize-messages = on
        pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        pekko.cluster.sharding.remember-entities = on
        pekko.cluster.sharding.remember-entities-store = eventsourced
        pekko.persistence.journal.plugin = "jdbc-journal"
        pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
        pekko-persistence-jdbc.shared-databases.slick {
          profile = "slick.jdbc.H2Profile$"
          db { url = "%s", driver = "org.h2.Driver", user = "sa", password = "",
               numThreads = 2, maxConnections = 2, minConnections = 1 }
        }
        jdbc-journal.use-shared-db = "slick"
        jdbc-snapshot-store.use-shared-db = "slick"
        jdbc-read-journal.use-shared-db = "slick"
        jdbc-durable-state-store.use-shared-db = "slick"
        downhill.djl.device = cpu
        """
            .formatted(url);
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseString(journal))
        .withFallback(ConfigFactory.load());
  }

  /**
   * A new kit on a database of its own, for a {@code @JUnit5TestKit} field: {@link
   * TestKitJUnit5Extension} shuts it down after the class's last test. The extension reads the
   * field from the test instance and shuts down only the last kit it saw, so the class needs one
   * instance for all its tests ({@code @TestInstance(PER_CLASS)}).
   */
  public static ActorTestKit create() {
    return create("test-" + UUID.randomUUID(), Map.of());
  }

  /** A new kit on the named database, its tables created. */
  public static ActorTestKit create(String database, Map<String, Object> overrides) {
    ActorTestKit kit =
        new JUnit5TestKitBuilder()
            .withName("downhill")
            .withCustomConfig(config(database, overrides))
            .build();
    Downhill.prepareJournal(kit.system()).toCompletableFuture().join();
    return kit;
  }

  /**
   * Closes {@code manager} once {@code kit}'s system has terminated, as the server closes its own
   * ({@code SessionTensors}): an entity still stepping when its class's last test returns (a long
   * run, a sweep) must never find its arrays freed under it. For a class's {@code @AfterAll}; the
   * extension shuts the kit down after it.
   */
  public static void closeWhenTerminated(ActorTestKit kit, NDManager manager) {
    kit.system().getWhenTerminated().thenRun(manager::close);
  }

  /** Joins the system to itself and starts sharding. */
  public static Downhill start(ActorTestKit kit) {
    Cluster cluster = Cluster.get(kit.system());
    TestProbe<SelfUp> up = kit.createTestProbe();
    cluster.subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    Downhill downhill = Downhill.start(kit.system());
    up.expectMessageClass(SelfUp.class, Duration.ofSeconds(20));
    return downhill;
  }
}
