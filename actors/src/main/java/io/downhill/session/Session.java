package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * One training session, as a durable entity. Its protocol lives here; {@link SessionEntity} holds
 * its behaviour. The session owns its {@link Trainer} (and so its DJL manager and tensors) while it
 * is in memory, checks its owner's token itself, writes what changes to its journal and comes back
 * from it after a restart, a crash or passivation.
 *
 * <p>Commands that carry a {@code token} are the owner's; {@link Reconfigure}, {@link Halt} and
 * {@link End} carry none and are for trusted callers in the same system (a workshop steering its
 * participants' sessions): a gateway never forwards them from a client.
 */
public final class Session {
  private Session() {}

  /** The sharding key of sessions; entity ids are session ids. */
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Session");

  /** The journal's name for a session. */
  public static PersistenceId persistenceId(String id) {
    return PersistenceId.of(TYPE_KEY.name(), id);
  }

  /**
   * A session with this id, restarted with backoff if it fails; after {@code max-failures} within
   * {@code failure-window} it stays {@link Status#FAILED} instead of restarting for ever.
   *
   * @param shard the shard that hosts it, to ask for passivation; null when it is not sharded
   */
  public static Behavior<Command> create(
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SessionSettings settings,
      NDManager parentManager) {
    // The failures are counted out here: a restart replaces everything inside the supervisor.
    return Behaviors.setup(
        outer -> {
          Failures failures =
              new Failures(settings.maxFailures(), settings.failureWindow().toNanos());
          return Behaviors.supervise(
                  Behaviors.<Command>withTimers(
                      timers ->
                          Behaviors.setup(
                              context ->
                                  new SessionEntity(
                                      context,
                                      timers,
                                      id,
                                      shard,
                                      settings,
                                      parentManager,
                                      failures))))
              .onFailure(
                  SupervisorStrategy.restartWithBackoff(
                      Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
        });
  }

  /** Everything a session accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Creates the session from a spec; replies with its token, given here once and kept nowhere. */
  public record Create(TrainingSpec spec, ActorRef<StatusReply<Created>> replyTo)
      implements Command {}

  /** The reply to {@link Create}. */
  public record Created(String id, String token, Snapshot snapshot)
      implements DownhillSerializable {}

  /** Replies with the current state. */
  public record GetState(ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /**
   * Replies with at most {@code limit} recorded steps since the last reset (the most recent ones
   * are kept), numbered {@code from} or later, oldest first: one page, so that no answer has to
   * hold every step of a large model. {@code from} is at least 0 and {@code limit} at least 1.
   */
  public record GetHistory(long from, int limit, ActorRef<StatusReply<StepHistory.History>> replyTo)
      implements Command {

    /** Every kept step, for callers inside the system that want all of them at once. */
    public static GetHistory all(ActorRef<StatusReply<StepHistory.History>> replyTo) {
      return new GetHistory(0, Integer.MAX_VALUE, replyTo);
    }
  }

  /**
   * Replies with step {@code step} of the current run as it was made: its loss, the gradient it
   * used, the parameters after it and its learning rate (step 0: the start). Recomputed exactly
   * from the nearest checkpoint when it is no longer in memory.
   */
  public record GetAt(long step, ActorRef<StatusReply<StepRecord>> replyTo) implements Command {}

  /** Replies with the data points. */
  public record GetData(ActorRef<StatusReply<Data>> replyTo) implements Command {}

  /** Evaluates the loss (and the model's curve) at other parameters, changing nothing. */
  public record Evaluate(double[] params, ActorRef<StatusReply<Evaluation>> replyTo)
      implements Command {}

  /** Replaces the parameters, as a person does with sliders. Pauses a run. */
  public record SetParams(String token, double[] params, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Takes {@code count} steps and replies with all of them once they are stored. */
  public record Step(String token, int count, ActorRef<StatusReply<Stepped>> replyTo)
      implements Command {}

  /**
   * Starts a run of {@code count} steps, or changes the length of the run under way; replies once
   * the run is stored. With {@code stepsPerSecond > 0} the run is paced so a person can watch it.
   */
  public record Run(
      String token, long count, double stepsPerSecond, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Stops the run or step request under way after its current chunk. */
  public record Pause(String token, ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /** Returns to the spec's starting point. */
  public record Reset(String token, ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /**
   * Starts over from {@code params}: a new trajectory at step 0 with a zero gradient and a fresh
   * optimizer, at the learning rate and accumulation now in use; a later {@link Reset} returns
   * here. Its events are those of a new spec, so the history of the old start is gone.
   */
  public record Restart(String token, double[] params, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Sets the base learning rate; the next step uses it, also in the middle of a run. */
  public record SetLearningRate(
      String token, double learningRate, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Turns the lesson's gradient accumulation on or off. */
  public record SetAccumulateGradients(
      String token, boolean accumulate, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /**
   * Adds a training point at ({@code x}, {@code y}), after the others. The loss at the current
   * parameters follows at once, and the next step trains on the new points, also mid-run.
   */
  public record AddPoint(String token, double x, double y, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Moves training point {@code index} to ({@code x}, {@code y}). */
  public record MovePoint(
      String token, int index, double x, double y, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Removes training point {@code index}; the points after it move down by one. */
  public record RemovePoint(String token, int index, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Puts the spec's own training points back, undoing every hand edit; the run goes on. */
  public record RestorePoints(String token, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Deletes the session for good. */
  public record Delete(String token, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Replaces the session's spec — a new scenario, or a fork of another session — keeping its id,
   * token and subscribers; the run starts over from the new spec. Trusted: no token.
   */
  public record Reconfigure(TrainingSpec spec, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Pauses the run under way, for a workshop's "pause everyone". Trusted: no token. */
  public record Halt(ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /** Deletes the session, for a workshop that closes. Trusted: no token. */
  public record End(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Adds or renews a subscriber; a new one first receives the state as it is, then every event. A
   * subscription lasts {@code downhill.watch.lease} unless renewed; a renewal from a subscriber the
   * session does not know (it restarted or moved) is answered with a {@code recovered} state.
   */
  public record Subscribe(ActorRef<SessionEvent> subscriber, boolean renewal) implements Command {}

  /** Ends a subscription. */
  public record Unsubscribe(ActorRef<SessionEvent> subscriber) implements Command {}

  /** Sent by sharding to take an idle session out of memory; it comes back on its next command. */
  public enum Passivate implements Command {
    INSTANCE
  }

  /** The reply to {@link Step}: the steps made, and the state after them. */
  public record Stepped(List<StepRecord> steps, Snapshot snapshot)
      implements DownhillSerializable {}

  /**
   * The reply to {@link Evaluate}: the loss, the gradient of the loss at those parameters (as
   * {@code loss.backward()} computes it into a zeroed gradient, whatever the session sums), and the
   * model's curve.
   */
  public record Evaluation(double loss, double[] grad, double[] curveX, double[] curveY)
      implements DownhillSerializable {}

  /**
   * The reply to {@link GetData}: the training points (as edited), and the held-out points (empty
   * without a validation share).
   */
  public record Data(double[] x, double[] y, double[] validationX, double[] validationY)
      implements DownhillSerializable {}

  /** Continues the work under way; sent by the session to itself. */
  record Continue(long job) implements Command {}

  /** Checks leases and idleness; sent by the session's timer. */
  enum Tick implements Command {
    INSTANCE
  }

  record SubscriberTerminated(ActorRef<SessionEvent> subscriber) implements Command {}

  /**
   * Makes the session fail now, and its next {@code rebuildFailures} trainer rebuilds too (a fault
   * that comes back on every recovery); for tests in this package.
   */
  record InjectFailure(int rebuildFailures) implements Command {}

  /** Records that the session failed for good; sent by the session to itself after recovery. */
  record Fail(String reason) implements Command {}

  /**
   * Deletes the session if nobody commanded or watched it for the idle expiry; sent when the
   * reminder it left on passivation comes due.
   */
  public enum ExpireIfIdle implements Command {
    INSTANCE
  }

  /** The first way {@code spec} breaks the limits, as a refusal, or null. */
  static Refused checkSpec(TrainingSpec spec, SessionSettings settings) {
    List<FieldError> errors = spec.validate(settings.limits());
    return errors.isEmpty()
        ? null
        : Refused.invalid(errors.get(0).field(), errors.get(0).message());
  }
}
