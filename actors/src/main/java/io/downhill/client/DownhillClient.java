package io.downhill.client;

import io.downhill.access.Refused;
import io.downhill.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Downhill's sessions, sweeps and workshops, each through its own commands ({@link #sessions()},
 * {@link #sweeps()}, {@link #workshops()}): every command a method that returns a {@link
 * CompletionStage}, and subscriptions to their events. Made by {@code Downhill.start(system,
 * settings)}; lives as long as its actor system, and is safe to share between threads.
 *
 * <p>Each command is one ask, straight to the entity by id wherever sharding keeps it; the entity
 * checks the token itself, so the client keeps nothing. A stage fails with a {@link
 * RefusedException} (carrying the {@link Refused} value) when the entity refused the command, and
 * with a {@link java.util.concurrent.TimeoutException} when no answer came within {@link
 * DownhillSettings#askTimeout()}.
 */
public final class DownhillClient {
  private final ActorSystem<?> system;
  private final DownhillSettings settings;
  private final Asker asker;
  private final Sessions sessions;
  private final Sweeps sweeps;
  private final Workshops workshops;

  /**
   * A client of the entities started in {@code system}; it reaches them through the system's
   * sharding, so it needs nothing from whoever started them.
   */
  public DownhillClient(ActorSystem<?> system, DownhillSettings settings) {
    this.system = system;
    this.settings = settings;
    ClusterSharding sharding = ClusterSharding.get(system);
    this.asker = new Asker(system, settings);
    Subscriptions subscriptions = new Subscriptions(system, settings);
    this.sessions = new Sessions(sharding, asker, subscriptions);
    this.sweeps = new Sweeps(sharding, asker, subscriptions);
    this.workshops = new Workshops(sharding, asker, subscriptions);
  }

  public ActorSystem<?> system() {
    return system;
  }

  public DownhillSettings settings() {
    return settings;
  }

  /** The sessions' commands and subscriptions. */
  public Sessions sessions() {
    return sessions;
  }

  /** The sweeps' commands and subscriptions. */
  public Sweeps sweeps() {
    return sweeps;
  }

  /** The workshops' commands and subscriptions. */
  public Workshops workshops() {
    return workshops;
  }

  /** Entities of every kind this node holds in memory now. */
  public CompletionStage<Integer> entitiesInMemory() {
    return asker
        .ask(
            ClusterSharding.get(system).shardState(),
            (ActorRef<ShardRegion.CurrentShardRegionState> r) ->
                new GetShardRegionState(Session.TYPE_KEY, r))
        .thenApply(
            state -> state.getShards().stream().mapToInt(s -> s.getEntityIds().size()).sum());
  }

  /**
   * How the entities of kind {@code key} spread over the cluster's nodes, as sharding counts them;
   * nodes that do not answer within {@code timeout} are listed as failed.
   */
  public CompletionStage<ShardRegion.ClusterShardingStats> shardingStats(
      EntityTypeKey<?> key, Duration timeout) {
    return PekkoStages.onDispatcher(
        system,
        AskPattern.ask(
            ClusterSharding.get(system).shardState(),
            (ActorRef<ShardRegion.ClusterShardingStats> r) ->
                new GetClusterShardingStats(key, timeout, r),
            timeout.plusSeconds(1),
            system.scheduler()));
  }
}
