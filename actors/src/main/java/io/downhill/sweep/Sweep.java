package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.cluster.DownhillSerializable;
import io.downhill.session.SessionSettings;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * A learning-rate sweep, as a durable entity. Its protocol lives here; {@link SweepEntity} holds
 * its behaviour: it groups the variants by shape, trains each group in lock-step in a {@link
 * SweepBatch} child, and merges their chunks into one stream of progress. Its journal keeps the
 * steps each group reached, and recovery trains them there again.
 */
public final class Sweep {
  private Sweep() {}

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Sweep");

  public static PersistenceId persistenceId(String id) {
    return PersistenceId.of(TYPE_KEY.name(), id);
  }

  /**
   * A sweep with this id.
   *
   * @param shard the shard that hosts it, to ask for passivation; null when it is not sharded
   */
  public static Behavior<Command> create(
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SweepSettings settings,
      NDManager parent) {
    return Behaviors.<Command>withTimers(
        timers ->
            Behaviors.setup(
                context -> new SweepEntity(context, timers, id, shard, settings, parent)));
  }

  /** Everything a sweep accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Creates the sweep (paused); replies with its token, given here once and kept nowhere. */
  public record Create(SweepSpec spec, ActorRef<StatusReply<Created>> replyTo) implements Command {}

  /** The reply to {@link Create}. */
  public record Created(String id, String token, SweepState state)
      implements DownhillSerializable {}

  /** Runs (or resumes) every variant up to the sweep's step count. */
  public record Run(String token, ActorRef<StatusReply<SweepState>> replyTo) implements Command {}

  /** Pauses every variant after its current chunk. */
  public record Pause(String token, ActorRef<StatusReply<SweepState>> replyTo) implements Command {}

  /** Back to the start. */
  public record Reset(String token, ActorRef<StatusReply<SweepState>> replyTo) implements Command {}

  /** Deletes the sweep for good. */
  public record Delete(String token, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Replies with the sweep's state: its variants, their losses and status. */
  public record GetState(ActorRef<StatusReply<SweepState>> replyTo) implements Command {}

  /** Replies with every variant's recorded loss curve. */
  public record GetCurves(ActorRef<StatusReply<Curves>> replyTo) implements Command {}

  /** Adds or renews a subscriber; a subscription lasts {@code downhill.watch.lease}. */
  public record Subscribe(ActorRef<SweepEvent> subscriber, boolean renewal) implements Command {}

  /** Ends a subscription. */
  public record Unsubscribe(ActorRef<SweepEvent> subscriber) implements Command {}

  /**
   * Deletes the sweep if nobody commanded or watched it for the idle expiry; sent when the reminder
   * it left on passivation comes due.
   */
  public enum ExpireIfIdle implements Command {
    INSTANCE
  }

  /** Sent by sharding to take an idle sweep out of memory. */
  public enum Passivate implements Command {
    INSTANCE
  }

  /**
   * The loss curves: {@code losses[k][i]} is variant k's loss at step {@code steps[i]}.
   *
   * @param stride the curves keep every stride-th step, so their size stays bounded
   */
  public record Curves(SweepState state, long stride, long[] steps, double[][] losses)
      implements DownhillSerializable {}

  /** The sweep's settings, read once. */
  public record SweepSettings(SessionSettings session, int maxVariants, long maxTotalSteps) {
    public static SweepSettings from(com.typesafe.config.Config config) {
      return new SweepSettings(
          SessionSettings.from(config),
          config.getInt("downhill.sweep.max-variants"),
          config.getLong("downhill.sweep.max-total-steps"));
    }
  }

  record ChunkDone(SweepBatch.Chunk chunk) implements Command {}

  record SubscriberTerminated(ActorRef<SweepEvent> subscriber) implements Command {}

  enum Tick implements Command {
    INSTANCE
  }

  /** The next step of a paced run is due; sent by the sweep's timer. */
  enum PaceTick implements Command {
    INSTANCE
  }
}
