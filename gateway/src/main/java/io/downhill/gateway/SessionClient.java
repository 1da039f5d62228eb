package io.downhill.gateway;

import io.downhill.gateway.api.ApiError;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.registry.SessionRegistry;
import io.downhill.session.Refused;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import io.downhill.session.StepHistory;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
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
import org.apache.pekko.pattern.StatusReply;

/**
 * Every ask from the gateway into the actor system goes through here. Answers come back as Vert.x
 * futures completed on the caller's context, never blocking an event loop; refusals become {@link
 * ApiError}s with the status a client should see, and a session that does not answer in time
 * becomes a 503.
 */
public final class SessionClient {
  private final ActorSystem<SessionRegistry.Command> system;
  private final Duration timeout;

  public SessionClient(ActorSystem<SessionRegistry.Command> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public ActorSystem<SessionRegistry.Command> system() {
    return system;
  }

  public Future<SessionRegistry.Created> create(TrainingSpec spec, Context context) {
    return withStatus(system, replyTo -> new SessionRegistry.Create(spec, replyTo), context);
  }

  /** The session, failing with 404 when there is none. */
  public Future<SessionRegistry.Found> find(String id, Context context) {
    return ask(
            system,
            (ActorRef<SessionRegistry.Found> replyTo) -> new SessionRegistry.Find(id, replyTo),
            context)
        .compose(
            found ->
                found.exists()
                    ? Future.succeededFuture(found)
                    : Future.failedFuture(new ApiError(404, "id", "no session " + id)));
  }

  public Future<Integer> sessionCount(Context context) {
    return ask(system, SessionRegistry.Count::new, context);
  }

  public Future<SessionRegistry.SweepCreated> createSweep(SweepSpec spec, Context context) {
    return withStatus(system, replyTo -> new SessionRegistry.CreateSweep(spec, replyTo), context);
  }

  /** The sweep, failing with 404 when there is none. */
  public Future<SessionRegistry.SweepFound> findSweep(String id, Context context) {
    return ask(
            system,
            (ActorRef<SessionRegistry.SweepFound> replyTo) ->
                new SessionRegistry.FindSweep(id, replyTo),
            context)
        .compose(
            found ->
                found.exists()
                    ? Future.succeededFuture(found)
                    : Future.failedFuture(new ApiError(404, "id", "no sweep " + id)));
  }

  public Future<Done> stopSweep(String id, Context context) {
    return withStatus(system, replyTo -> new SessionRegistry.StopSweep(id, replyTo), context);
  }

  /** Sends a sweep command that answers with its state. */
  public Future<SweepState> sweepCommand(
      ActorRef<Sweep.Command> sweep,
      Function<ActorRef<SweepState>, Sweep.Command> command,
      Context context) {
    return ask(sweep, command::apply, context);
  }

  public Future<Sweep.Curves> sweepCurves(ActorRef<Sweep.Command> sweep, Context context) {
    return ask(sweep, Sweep.GetCurves::new, context);
  }

  public Future<SessionRegistry.WorkshopCreated> createWorkshop(
      String title, TrainingSpec scenario, int openSteps, Context context) {
    return withStatus(
        system,
        replyTo -> new SessionRegistry.CreateWorkshop(title, scenario, openSteps, replyTo),
        context);
  }

  public Future<Workshop.Joined> joinWorkshop(
      String code, String workshopId, String name, String rejoinToken, Context context) {
    return withStatus(
        system,
        replyTo -> new SessionRegistry.JoinWorkshop(code, workshopId, name, rejoinToken, replyTo),
        context);
  }

  /** The workshop, failing with 404 when there is none. */
  public Future<SessionRegistry.WorkshopFound> findWorkshop(String id, Context context) {
    return ask(
            system,
            (ActorRef<SessionRegistry.WorkshopFound> replyTo) ->
                new SessionRegistry.FindWorkshop(id, replyTo),
            context)
        .compose(
            found ->
                found.exists()
                    ? Future.succeededFuture(found)
                    : Future.failedFuture(new ApiError(404, "id", "no workshop " + id)));
  }

  public Future<WorkshopState> workshopState(ActorRef<Workshop.Command> workshop, Context context) {
    return ask(workshop, Workshop.GetState::new, context);
  }

  /** Sends an instructor's command; answers with the workshop's state. */
  public Future<WorkshopState> workshopCommand(
      ActorRef<Workshop.Command> workshop,
      Function<ActorRef<StatusReply<WorkshopState>>, Workshop.Command> command,
      Context context) {
    return withStatus(workshop, command::apply, context);
  }

  public Future<Snapshot> fork(ActorRef<Workshop.Command> workshop, String token, Context context) {
    return withStatus(workshop, replyTo -> new Workshop.Fork(token, replyTo), context);
  }

  public Future<Done> stop(String id, Context context) {
    return withStatus(system, replyTo -> new SessionRegistry.StopSession(id, replyTo), context);
  }

  public Future<Snapshot> state(ActorRef<Session.Command> session, Context context) {
    return ask(session, Session.GetState::new, context);
  }

  public Future<Session.Data> data(ActorRef<Session.Command> session, Context context) {
    return ask(session, Session.GetData::new, context);
  }

  public Future<StepHistory.History> history(ActorRef<Session.Command> session, Context context) {
    return ask(session, Session.GetHistory::new, context);
  }

  public Future<Session.Evaluation> evaluate(
      ActorRef<Session.Command> session, double[] params, Context context) {
    return withStatus(session, replyTo -> new Session.Evaluate(params, replyTo), context);
  }

  public Future<Session.Stepped> step(
      ActorRef<Session.Command> session, int count, Context context) {
    return withStatus(session, replyTo -> new Session.Step(count, replyTo), context);
  }

  /** Sends one state-changing command that answers with a snapshot. */
  public Future<Snapshot> command(
      ActorRef<Session.Command> session,
      Function<ActorRef<StatusReply<Snapshot>>, Session.Command> command,
      Context context) {
    return withStatus(session, command::apply, context);
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
    if (cause instanceof Refused refused) {
      return ApiError.from(refused);
    }
    if (cause instanceof TimeoutException) {
      return new ApiError(503, null, "the session did not answer in time; try again");
    }
    if (cause instanceof StatusReply.ErrorMessage message) {
      return new ApiError(400, null, message.getMessage());
    }
    return cause;
  }
}
