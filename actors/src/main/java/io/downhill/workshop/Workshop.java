package io.downhill.workshop;

import io.downhill.access.Refused;
import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * A live workshop, as a durable entity: an instructor, a join code, and the participants, each
 * driving a session of their own made from the scenario. Its protocol lives here; {@link
 * WorkshopEntity} holds its behaviour. The instructor's commands carry the instructor token, which
 * the workshop checks itself; a participant's fork carries their own token. Lives until the
 * instructor closes it, and survives restarts.
 */
public final class Workshop {
  private Workshop() {}

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Workshop");

  public static PersistenceId persistenceId(String id) {
    return PersistenceId.of(TYPE_KEY.name(), id);
  }

  /**
   * A workshop with this id.
   *
   * @param shard the shard that hosts it, to ask for passivation; null when it is not sharded
   */
  public static Behavior<Command> create(
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      WorkshopSettings settings,
      Clock clock) {
    return Behaviors.<Command>withTimers(
        timers ->
            Behaviors.setup(
                context -> new WorkshopEntity(context, timers, id, shard, settings, clock)));
  }

  /** Everything a workshop accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Opens the workshop; replies with its code and the instructor's token, given here once. */
  public record Open(
      String title, TrainingSpec scenario, int openSteps, ActorRef<StatusReply<Opened>> replyTo)
      implements Command {}

  /** The reply to {@link Open}. */
  public record Opened(String id, String code, String instructorToken, WorkshopState state)
      implements DownhillSerializable {}

  /**
   * Admits a participant with the current join code, or returns one who rejoins with the token they
   * were given.
   */
  public record Join(
      String code, String name, String rejoinToken, ActorRef<StatusReply<Joined>> replyTo)
      implements Command {}

  /** The answer to {@link Join}: the participant's session and the token that drives it. */
  public record Joined(String workshopId, String participantId, String session, String token)
      implements DownhillSerializable {}

  /** Replies with the workshop; {@code instructor} says whether the token is the instructor's. */
  public record GetState(String token, ActorRef<StatusReply<Seen>> replyTo) implements Command {}

  /** The reply to {@link GetState}. */
  public record Seen(WorkshopState state, boolean instructor) implements DownhillSerializable {}

  /** Shows one session (or none, with null) on every screen. */
  public record Spotlight(
      String token, String session, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Opens the lesson's steps 1 … {@code steps} for everyone. */
  public record OpenSteps(String token, int steps, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Gives every participant's session the new scenario. */
  public record PushScenario(
      String token, TrainingSpec scenario, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Pauses every participant's run. */
  public record PauseAll(String token, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Revokes the join code; with {@code renew}, issues a new one. */
  public record ChangeCode(
      String token, boolean renew, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Stops every participant's session and closes the workshop for good. */
  public record Close(String token, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /**
   * Gives the workshop {@code extra} more time from its current end (or from now, if that is
   * sooner), at most {@code max-lifetime} from now.
   */
  public record Extend(
      String token, java.time.Duration extra, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Removes a participant from the room; their session ends. */
  public record RemoveParticipant(
      String token, String participantId, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Sent when the workshop's reminder comes due: it closes, or is removed, if its time is up. */
  public enum LifetimeDue implements Command {
    INSTANCE
  }

  /** A participant copies the spotlighted session, at its current step, into their own. */
  public record Fork(String participantToken, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /**
   * Adds or renews a subscriber (a gateway's feed, which shows each client the view it may see); a
   * subscription lasts {@code downhill.watch.lease} unless renewed.
   */
  public record Subscribe(ActorRef<WorkshopEvent> subscriber, boolean renewal) implements Command {}

  /** Ends a subscription. */
  public record Unsubscribe(ActorRef<WorkshopEvent> subscriber) implements Command {}

  /** Sent by sharding to take an idle workshop out of memory. */
  public enum Passivate implements Command {
    INSTANCE
  }

  /** The join-code directory's answer to a claim: null refusal when the code is ours. */
  record CodeClaimed(String code, Refused refused, Command then) implements Command {}

  /** A participant's session was made (or refused). */
  record SessionMade(
      String name, Session.Created created, Refused refused, ActorRef<StatusReply<Joined>> replyTo)
      implements Command {}

  /** The spotlighted session's state, read for a fork. */
  record SpotlightRead(
      String participantSession,
      Snapshot snapshot,
      Refused refused,
      ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  record SubscriberTerminated(ActorRef<WorkshopEvent> subscriber) implements Command {}

  /** Checks leases and idleness; sent by the workshop's timer. */
  enum Tick implements Command {
    INSTANCE
  }
}
