package io.downhill.gateway.client;

import io.downhill.access.Refused;
import io.downhill.client.DownhillClient;
import io.downhill.client.RefusedException;
import io.downhill.client.Subscription;
import io.downhill.gateway.http.ApiError;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import io.downhill.session.StepHistory;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepEvent;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopEvent;
import io.downhill.workshop.WorkshopState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.StatusReply;

/**
 * The gateway's side of {@link DownhillClient}, through which every ask into the actor system goes:
 * each answer becomes a Vert.x future completed on the caller's context, never blocking an event
 * loop; a refusal becomes an {@link ApiError} with the status a client should see, and an entity
 * that does not answer in time a 503. Subscriptions hand their events to a Vert.x context.
 */
public final class SessionClient {
  private final DownhillClient client;

  public SessionClient(DownhillClient client) {
    this.client = client;
  }

  public ActorSystem<?> system() {
    return client.system();
  }

  /** The actors' own client, for what needs no Vert.x adaptation. */
  public DownhillClient downhillClient() {
    return client;
  }

  public Future<Session.Created> create(TrainingSpec spec, Context context) {
    return adapt(client.sessions().create(spec), context);
  }

  public Future<Snapshot> state(String id, Context context) {
    return adapt(client.sessions().state(id), context);
  }

  /** Step {@code step} of the session's current run, recomputed from its journal if need be. */
  public Future<StepRecord> at(String id, long step, Context context) {
    return adapt(client.sessions().at(id, step), context);
  }

  public Future<Session.Data> data(String id, Context context) {
    return adapt(client.sessions().data(id), context);
  }

  /** At most {@code limit} kept steps numbered {@code from} or later: one page of the history. */
  public Future<StepHistory.History> history(String id, long from, int limit, Context context) {
    return adapt(client.sessions().history(id, from, limit), context);
  }

  public Future<Session.Evaluation> evaluate(String id, double[] params, Context context) {
    return adapt(client.sessions().evaluate(id, params), context);
  }

  public Future<Session.Stepped> step(String id, String token, int count, Context context) {
    return adapt(client.sessions().step(id, token, count), context);
  }

  /** Sends one state-changing command that answers with a snapshot. */
  public Future<Snapshot> command(
      String id,
      Function<ActorRef<StatusReply<Snapshot>>, Session.Command> command,
      Context context) {
    return adapt(client.sessions().ask(id, command), context);
  }

  public Future<Done> delete(String id, String token, Context context) {
    return adapt(client.sessions().delete(id, token), context);
  }

  /** Sessions of every kind this node holds in memory, for metrics. */
  public Future<Integer> entitiesInMemory(Context context) {
    return adapt(client.entitiesInMemory(), context);
  }

  public Future<Sweep.Created> createSweep(SweepSpec spec, Context context) {
    return adapt(client.sweeps().create(spec), context);
  }

  /** Sends a sweep command that answers with its state. */
  public Future<SweepState> sweepCommand(
      String id,
      Function<ActorRef<StatusReply<SweepState>>, Sweep.Command> command,
      Context context) {
    return adapt(client.sweeps().ask(id, command), context);
  }

  public Future<Sweep.Curves> sweepCurves(String id, Context context) {
    return adapt(client.sweeps().curves(id), context);
  }

  public Future<Done> deleteSweep(String id, String token, Context context) {
    return adapt(client.sweeps().delete(id, token), context);
  }

  public Future<Workshop.Opened> openWorkshop(
      String title, TrainingSpec scenario, int openSteps, Context context) {
    return adapt(client.workshops().open(title, scenario, openSteps), context);
  }

  /**
   * Joins the workshop whose code this is, or (with a rejoin token) workshop {@code workshopId} as
   * the participant the token names.
   */
  public Future<Workshop.Joined> joinWorkshop(
      String code, String workshopId, String name, String rejoinToken, Context context) {
    return adapt(
        rejoinToken != null && workshopId != null
            ? client.workshops().rejoin(workshopId, code, name, rejoinToken)
            : client.workshops().join(code, name),
        context);
  }

  public Future<Workshop.Seen> workshopState(String id, String token, Context context) {
    return adapt(client.workshops().state(id, token), context);
  }

  /** Sends an instructor's command; answers with the workshop's state. */
  public Future<WorkshopState> workshopCommand(
      String id,
      Function<ActorRef<StatusReply<WorkshopState>>, Workshop.Command> command,
      Context context) {
    return adapt(client.workshops().ask(id, command), context);
  }

  public Future<Snapshot> fork(String id, String token, Context context) {
    return adapt(client.workshops().fork(id, token), context);
  }

  /** Hands session {@code id}'s events to {@code feed} on {@code context}. */
  public Subscription subscribeSession(
      String id, Context context, Consumer<? super SessionEvent> feed) {
    return client.sessions().subscribe(id, on(context), feed);
  }

  public Subscription subscribeSweep(
      String id, Context context, Consumer<? super SweepEvent> feed) {
    return client.sweeps().subscribe(id, on(context), feed);
  }

  public Subscription subscribeWorkshop(
      String id, Context context, Consumer<? super WorkshopEvent> feed) {
    return client.workshops().subscribe(id, on(context), feed);
  }

  private static Executor on(Context context) {
    return task -> context.runOnContext(ignored -> task.run());
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
    Refused refused = RefusedException.of(cause);
    if (refused != null) {
      return ApiError.from(refused);
    }
    if (cause instanceof TimeoutException) {
      return new ApiError(503, null, "the server did not answer in time; try again");
    }
    return cause;
  }
}
