package io.downhill.gateway;

import io.downhill.Downhill;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.gateway.api.ApiError;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import io.downhill.session.StepHistory;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
import io.downhill.workshop.JoinCode;
import io.downhill.workshop.JoinCodes;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every ask from the gateway into the actor system goes through here, straight to the entity by its
 * id (wherever sharding keeps it): one ask per command, and the entity checks the token. Answers
 * come back as Vert.x futures completed on the caller's context, never blocking an event loop;
 * refusals become {@link ApiError}s with the status a client should see, and an entity that does
 * not answer in time becomes a 503.
 */
public final class SessionClient {
  private final ActorSystem<?> system;
  private final Downhill downhill;
  private final Duration timeout;

  public SessionClient(ActorSystem<?> system, Downhill downhill, Duration timeout) {
    this.system = system;
    this.downhill = downhill;
    this.timeout = timeout;
  }

  public ActorSystem<?> system() {
    return system;
  }

  public Downhill downhill() {
    return downhill;
  }

  public Future<Session.Created> create(TrainingSpec spec, Context context) {
    return withStatus(
        downhill.session(OwnerToken.newId()), r -> new Session.Create(spec, r), context);
  }

  public Future<Snapshot> state(String id, Context context) {
    return withStatus(downhill.session(id), Session.GetState::new, context);
  }

  /** Step {@code step} of the session's current run, recomputed from its journal if need be. */
  public Future<io.downhill.numerics.training.StepRecord> at(
      String id, long step, Context context) {
    return withStatus(downhill.session(id), r -> new Session.GetAt(step, r), context);
  }

  public Future<Session.Data> data(String id, Context context) {
    return withStatus(downhill.session(id), Session.GetData::new, context);
  }

  /** At most {@code limit} kept steps numbered {@code from} or later: one page of the history. */
  public Future<StepHistory.History> history(String id, long from, int limit, Context context) {
    return withStatus(downhill.session(id), r -> new Session.GetHistory(from, limit, r), context);
  }

  public Future<Session.Evaluation> evaluate(String id, double[] params, Context context) {
    return withStatus(downhill.session(id), r -> new Session.Evaluate(params, r), context);
  }

  public Future<Session.Stepped> step(String id, String token, int count, Context context) {
    return withStatus(downhill.session(id), r -> new Session.Step(token, count, r), context);
  }

  /** Sends one state-changing command that answers with a snapshot. */
  public Future<Snapshot> command(
      String id,
      Function<ActorRef<StatusReply<Snapshot>>, Session.Command> command,
      Context context) {
    return withStatus(downhill.session(id), command::apply, context);
  }

  public Future<Done> delete(String id, String token, Context context) {
    return withStatus(downhill.session(id), r -> new Session.Delete(token, r), context);
  }

  /** Sessions of every kind this node holds in memory, for metrics. */
  public Future<Integer> entitiesInMemory(Context context) {
    CompletionStage<ShardRegion.CurrentShardRegionState> stage =
        AskPattern.ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(Session.TYPE_KEY, replyTo),
            timeout,
            system.scheduler());
    return adapt(stage, context)
        .map(state -> state.getShards().stream().mapToInt(s -> s.getEntityIds().size()).sum());
  }

  public Future<Sweep.Created> createSweep(SweepSpec spec, Context context) {
    return withStatus(downhill.sweep(OwnerToken.newId()), r -> new Sweep.Create(spec, r), context);
  }

  /** Sends a sweep command that answers with its state. */
  public Future<SweepState> sweepCommand(
      String id,
      Function<ActorRef<StatusReply<SweepState>>, Sweep.Command> command,
      Context context) {
    return withStatus(downhill.sweep(id), command::apply, context);
  }

  public Future<Sweep.Curves> sweepCurves(String id, Context context) {
    return withStatus(downhill.sweep(id), Sweep.GetCurves::new, context);
  }

  public Future<Done> deleteSweep(String id, String token, Context context) {
    return withStatus(downhill.sweep(id), r -> new Sweep.Delete(token, r), context);
  }

  public Future<Workshop.Opened> openWorkshop(
      String title, TrainingSpec scenario, int openSteps, Context context) {
    return withStatus(
        downhill.workshop(OwnerToken.newId()),
        r -> new Workshop.Open(title, scenario, openSteps, r),
        context);
  }

  /**
   * Joins the workshop whose code this is, or (with a rejoin token) workshop {@code workshopId} as
   * the participant the token names.
   */
  public Future<Workshop.Joined> joinWorkshop(
      String code, String workshopId, String name, String rejoinToken, Context context) {
    Future<String> target;
    if (rejoinToken != null && workshopId != null) {
      target = Future.succeededFuture(workshopId);
    } else {
      String normalized = JoinCode.normalize(code);
      target =
          ask(
                  downhill.joinCodes(),
                  (ActorRef<JoinCodes.Holder> r) -> new JoinCodes.Find(normalized, r),
                  context)
              .compose(
                  holder ->
                      holder.workshopId() != null
                          ? Future.succeededFuture(holder.workshopId())
                          : Future.failedFuture(
                              new ApiError(404, "code", "no workshop has this join code")));
    }
    return target.compose(
        id ->
            withStatus(
                downhill.workshop(id),
                r -> new Workshop.Join(code, name, rejoinToken, r),
                context));
  }

  public Future<Workshop.Seen> workshopState(String id, String token, Context context) {
    return withStatus(downhill.workshop(id), r -> new Workshop.GetState(token, r), context);
  }

  /** Sends an instructor's command; answers with the workshop's state. */
  public Future<WorkshopState> workshopCommand(
      String id,
      Function<ActorRef<StatusReply<WorkshopState>>, Workshop.Command> command,
      Context context) {
    return withStatus(downhill.workshop(id), command::apply, context);
  }

  public Future<Snapshot> fork(String id, String token, Context context) {
    return withStatus(downhill.workshop(id), r -> new Workshop.Fork(token, r), context);
  }

  private <Q, T> Future<T> ask(
      RecipientRef<Q> target, Function<ActorRef<T>, Q> message, Context context) {
    CompletionStage<T> stage = AskPattern.ask(target, message::apply, timeout, system.scheduler());
    return adapt(stage, context);
  }

  private <Q, T> Future<T> withStatus(
      RecipientRef<Q> target, Function<ActorRef<StatusReply<T>>, Q> message, Context context) {
    CompletionStage<T> stage =
        AskPattern.askWithStatus(target, message::apply, timeout, system.scheduler());
    return adapt(stage, context);
  }

  private static <T> Future<T> adapt(CompletionStage<T> stage, Context context) {
    return Future.fromCompletionStage(stage, context)
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private static Throwable translate(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    Refused refused = Refused.of(cause);
    if (refused != null) {
      return ApiError.from(refused);
    }
    if (cause instanceof TimeoutException) {
      return new ApiError(503, null, "the server did not answer in time; try again");
    }
    return cause;
  }
}
