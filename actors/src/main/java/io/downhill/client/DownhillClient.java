package io.downhill.client;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
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
import io.downhill.workshop.JoinCode;
import io.downhill.workshop.JoinCodes;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopEvent;
import io.downhill.workshop.WorkshopState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every command of Downhill's sessions, sweeps and workshops as a method that returns a {@link
 * CompletionStage}, and subscriptions to their events. Made by {@code Downhill.start(system,
 * settings)}; lives as long as its actor system, and is safe to share between threads.
 *
 * <p>Each method is one ask, straight to the entity by id wherever sharding keeps it; the entity
 * checks the token itself, so the client keeps nothing. A stage fails with a {@link
 * RefusedException} (carrying the {@link Refused} value) when the entity refused the command, and
 * with a {@link java.util.concurrent.TimeoutException} when no answer came within {@link
 * DownhillSettings#askTimeout()}.
 *
 * <p>Commands without a token ({@link #reconfigure}, {@link #halt}, {@link #end}) are for trusted
 * code in the application, as a workshop uses them on its participants' sessions: never expose them
 * to a client that is not the owner.
 */
public final class DownhillClient {
  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final DownhillSettings settings;
  private final AtomicLong subscriptionsMade = new AtomicLong();

  /**
   * A client of the entities started in {@code system}; it reaches them through the system's
   * sharding, so it needs nothing from whoever started them.
   */
  public DownhillClient(ActorSystem<?> system, DownhillSettings settings) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.settings = settings;
  }

  public ActorSystem<?> system() {
    return system;
  }

  public DownhillSettings settings() {
    return settings;
  }

  // ---- Sessions ----------------------------------------------------------------------------

  /** Creates a session with a new id; the reply carries its owner token, given only here. */
  public CompletionStage<Session.Created> create(TrainingSpec spec) {
    return askSession(OwnerToken.newId(), r -> new Session.Create(spec, r));
  }

  public CompletionStage<Snapshot> state(String id) {
    return askSession(id, Session.GetState::new);
  }

  /** Step {@code step} of the session's current run, recomputed from its journal if need be. */
  public CompletionStage<StepRecord> at(String id, long step) {
    return askSession(id, r -> new Session.GetAt(step, r));
  }

  public CompletionStage<Session.Data> data(String id) {
    return askSession(id, Session.GetData::new);
  }

  /** At most {@code limit} kept steps numbered {@code from} or later: one page of the history. */
  public CompletionStage<StepHistory.History> history(String id, long from, int limit) {
    return askSession(id, r -> new Session.GetHistory(from, limit, r));
  }

  /** The loss, gradient and curve at other parameters; changes nothing. */
  public CompletionStage<Session.Evaluation> evaluate(String id, double[] params) {
    return askSession(id, r -> new Session.Evaluate(params, r));
  }

  public CompletionStage<Snapshot> setParams(String id, String token, double[] params) {
    return askSession(id, r -> new Session.SetParams(token, params, r));
  }

  /** Takes {@code count} steps; the reply holds every one of them. */
  public CompletionStage<Session.Stepped> step(String id, String token, int count) {
    return askSession(id, r -> new Session.Step(token, count, r));
  }

  /**
   * Starts a run of {@code count} steps (paced to {@code stepsPerSecond} when above 0); the reply
   * comes once the run is stored, its steps as {@link SessionEvent}s to subscribers.
   */
  public CompletionStage<Snapshot> run(String id, String token, long count, double stepsPerSecond) {
    return askSession(id, r -> new Session.Run(token, count, stepsPerSecond, r));
  }

  public CompletionStage<Snapshot> pause(String id, String token) {
    return askSession(id, r -> new Session.Pause(token, r));
  }

  public CompletionStage<Snapshot> reset(String id, String token) {
    return askSession(id, r -> new Session.Reset(token, r));
  }

  /** Starts over from {@code params} at step 0, keeping the rate and accumulation in use. */
  public CompletionStage<Snapshot> restart(String id, String token, double[] params) {
    return askSession(id, r -> new Session.Restart(token, params, r));
  }

  public CompletionStage<Snapshot> setLearningRate(String id, String token, double learningRate) {
    return askSession(id, r -> new Session.SetLearningRate(token, learningRate, r));
  }

  public CompletionStage<Snapshot> setAccumulateGradients(
      String id, String token, boolean accumulate) {
    return askSession(id, r -> new Session.SetAccumulateGradients(token, accumulate, r));
  }

  /** Deletes the session for good; later commands to its id are refused as not found. */
  public CompletionStage<Done> delete(String id, String token) {
    return askSession(id, r -> new Session.Delete(token, r));
  }

  /** Gives the session a new spec, keeping its id, token and subscribers. Trusted: no token. */
  public CompletionStage<Snapshot> reconfigure(String id, TrainingSpec spec) {
    return askSession(id, r -> new Session.Reconfigure(spec, r));
  }

  /** Pauses the session's run. Trusted: no token. */
  public CompletionStage<Snapshot> halt(String id) {
    return askSession(id, Session.Halt::new);
  }

  /** Deletes the session. Trusted: no token. */
  public CompletionStage<Done> end(String id) {
    return askSession(id, Session.End::new);
  }

  /** Sends session {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> askSession(
      String id, Function<ActorRef<StatusReply<T>>, Session.Command> command) {
    return askWithStatus(sharding.entityRefFor(Session.TYPE_KEY, id), command);
  }

  // ---- Sweeps ------------------------------------------------------------------------------

  /** Creates a sweep (paused) with a new id; the reply carries its owner token. */
  public CompletionStage<Sweep.Created> createSweep(SweepSpec spec) {
    return askSweep(OwnerToken.newId(), r -> new Sweep.Create(spec, r));
  }

  public CompletionStage<SweepState> sweepState(String id) {
    return askSweep(id, Sweep.GetState::new);
  }

  /** Runs (or resumes) every variant up to the sweep's step count. */
  public CompletionStage<SweepState> runSweep(String id, String token) {
    return askSweep(id, r -> new Sweep.Run(token, r));
  }

  public CompletionStage<SweepState> pauseSweep(String id, String token) {
    return askSweep(id, r -> new Sweep.Pause(token, r));
  }

  public CompletionStage<SweepState> resetSweep(String id, String token) {
    return askSweep(id, r -> new Sweep.Reset(token, r));
  }

  /** Every variant's recorded loss curve. */
  public CompletionStage<Sweep.Curves> sweepCurves(String id) {
    return askSweep(id, Sweep.GetCurves::new);
  }

  public CompletionStage<Done> deleteSweep(String id, String token) {
    return askSweep(id, r -> new Sweep.Delete(token, r));
  }

  /** Sends sweep {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> askSweep(
      String id, Function<ActorRef<StatusReply<T>>, Sweep.Command> command) {
    return askWithStatus(sharding.entityRefFor(Sweep.TYPE_KEY, id), command);
  }

  // ---- Workshops ---------------------------------------------------------------------------

  /** Opens a workshop with a new id; the reply carries its join code and instructor token. */
  public CompletionStage<Workshop.Opened> openWorkshop(
      String title, TrainingSpec scenario, int openSteps) {
    return askWorkshop(OwnerToken.newId(), r -> new Workshop.Open(title, scenario, openSteps, r));
  }

  /**
   * Joins the workshop whose join code this is, as a new participant named {@code name}; refused as
   * not found (field {@code code}) when no workshop has the code.
   */
  public CompletionStage<Workshop.Joined> joinWorkshop(String code, String name) {
    String normalized = JoinCode.normalize(code);
    return askWithStatus(
            sharding.entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID),
            (ActorRef<StatusReply<JoinCodes.Holder>> r) -> new JoinCodes.Find(normalized, r))
        .thenCompose(
            holder ->
                holder.workshopId() != null
                    ? askWorkshop(holder.workshopId(), r -> new Workshop.Join(code, name, null, r))
                    : CompletableFuture.failedFuture(
                        new RefusedException(
                            Refused.notFound("code", "no workshop has this join code"))));
  }

  /**
   * Returns to workshop {@code workshopId} as the participant {@code rejoinToken} names; a token
   * the workshop does not know joins with {@code code} and {@code name} instead, as a newcomer.
   */
  public CompletionStage<Workshop.Joined> rejoinWorkshop(
      String workshopId, String code, String name, String rejoinToken) {
    return askWorkshop(workshopId, r -> new Workshop.Join(code, name, rejoinToken, r));
  }

  /** The workshop as the holder of {@code token} may see it (null: the room's view). */
  public CompletionStage<Workshop.Seen> workshopState(String id, String token) {
    return askWorkshop(id, r -> new Workshop.GetState(token, r));
  }

  /** Shows session {@code session} (null: none) on every screen of the room. */
  public CompletionStage<WorkshopState> spotlight(String id, String token, String session) {
    return askWorkshop(id, r -> new Workshop.Spotlight(token, session, r));
  }

  public CompletionStage<WorkshopState> openSteps(String id, String token, int steps) {
    return askWorkshop(id, r -> new Workshop.OpenSteps(token, steps, r));
  }

  public CompletionStage<WorkshopState> pushScenario(
      String id, String token, TrainingSpec scenario) {
    return askWorkshop(id, r -> new Workshop.PushScenario(token, scenario, r));
  }

  public CompletionStage<WorkshopState> pauseAll(String id, String token) {
    return askWorkshop(id, r -> new Workshop.PauseAll(token, r));
  }

  /** Revokes the join code; with {@code renew}, issues a new one. */
  public CompletionStage<WorkshopState> changeCode(String id, String token, boolean renew) {
    return askWorkshop(id, r -> new Workshop.ChangeCode(token, renew, r));
  }

  public CompletionStage<WorkshopState> extendWorkshop(String id, String token, Duration extra) {
    return askWorkshop(id, r -> new Workshop.Extend(token, extra, r));
  }

  public CompletionStage<WorkshopState> removeParticipant(
      String id, String token, String participantId) {
    return askWorkshop(id, r -> new Workshop.RemoveParticipant(token, participantId, r));
  }

  /** Ends every participant's session and closes the workshop for good. */
  public CompletionStage<WorkshopState> closeWorkshop(String id, String token) {
    return askWorkshop(id, r -> new Workshop.Close(token, r));
  }

  /** Copies the spotlighted session into the participant's own; replies with its new state. */
  public CompletionStage<Snapshot> fork(String id, String participantToken) {
    return askWorkshop(id, r -> new Workshop.Fork(participantToken, r));
  }

  /** Sends workshop {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> askWorkshop(
      String id, Function<ActorRef<StatusReply<T>>, Workshop.Command> command) {
    return askWithStatus(sharding.entityRefFor(Workshop.TYPE_KEY, id), command);
  }

  // ---- Subscriptions -----------------------------------------------------------------------

  /**
   * Hands every event of session {@code id} to {@code onEvent}, one at a time on an actor's thread
   * (so it must not block): first its state ({@code subscribed}), then every batch of steps and
   * every change, until the subscription is closed.
   */
  public Subscription subscribeSession(String id, Consumer<? super SessionEvent> onEvent) {
    return subscribeSession(id, Runnable::run, onEvent);
  }

  /** As {@link #subscribeSession(String, Consumer)}, each call of {@code onEvent} on executor. */
  public Subscription subscribeSession(
      String id, Executor executor, Consumer<? super SessionEvent> onEvent) {
    return forwarding(id, sessionSource(id), executor, onEvent);
  }

  /** Sends session {@code id}'s events to {@code subscriber}, renewing its lease until closed. */
  public Subscription subscribeSession(String id, ActorRef<SessionEvent> subscriber) {
    return renewing(id, sessionSource(id), subscriber);
  }

  /** Hands every event of sweep {@code id} to {@code onEvent}, as for a session. */
  public Subscription subscribeSweep(String id, Consumer<? super SweepEvent> onEvent) {
    return subscribeSweep(id, Runnable::run, onEvent);
  }

  public Subscription subscribeSweep(
      String id, Executor executor, Consumer<? super SweepEvent> onEvent) {
    return forwarding(id, sweepSource(id), executor, onEvent);
  }

  public Subscription subscribeSweep(String id, ActorRef<SweepEvent> subscriber) {
    return renewing(id, sweepSource(id), subscriber);
  }

  /**
   * Hands every event of workshop {@code id} to {@code onEvent}. The events carry the instructor's
   * view (participants' names and sessions): show a room only what it may see.
   */
  public Subscription subscribeWorkshop(String id, Consumer<? super WorkshopEvent> onEvent) {
    return subscribeWorkshop(id, Runnable::run, onEvent);
  }

  public Subscription subscribeWorkshop(
      String id, Executor executor, Consumer<? super WorkshopEvent> onEvent) {
    return forwarding(id, workshopSource(id), executor, onEvent);
  }

  public Subscription subscribeWorkshop(String id, ActorRef<WorkshopEvent> subscriber) {
    return renewing(id, workshopSource(id), subscriber);
  }

  // ---- Operations --------------------------------------------------------------------------

  /** Entities of every kind this node holds in memory now. */
  public CompletionStage<Integer> entitiesInMemory() {
    return ask(
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
    return AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        (ActorRef<ShardRegion.ClusterShardingStats> r) ->
            new GetClusterShardingStats(key, timeout, r),
        timeout.plusSeconds(1),
        system.scheduler());
  }

  // ---- Plumbing ----------------------------------------------------------------------------

  private Subscriber.Source<SessionEvent> sessionSource(String id) {
    return Subscriber.Source.of(
        "session",
        SessionEvent.class,
        sharding.entityRefFor(Session.TYPE_KEY, id),
        Session.Subscribe::new,
        Session.Unsubscribe::new);
  }

  private Subscriber.Source<SweepEvent> sweepSource(String id) {
    return Subscriber.Source.of(
        "sweep",
        SweepEvent.class,
        sharding.entityRefFor(Sweep.TYPE_KEY, id),
        Sweep.Subscribe::new,
        Sweep.Unsubscribe::new);
  }

  private Subscriber.Source<WorkshopEvent> workshopSource(String id) {
    return Subscriber.Source.of(
        "workshop",
        WorkshopEvent.class,
        sharding.entityRefFor(Workshop.TYPE_KEY, id),
        Workshop.Subscribe::new,
        Workshop.Unsubscribe::new);
  }

  private <E> Subscription forwarding(
      String id, Subscriber.Source<E> source, Executor executor, Consumer<? super E> onEvent) {
    return spawn(
        source.kind(), id, Subscriber.forwarding(source, settings.renewEvery(), executor, onEvent));
  }

  private <E> Subscription renewing(
      String id, Subscriber.Source<E> source, ActorRef<E> subscriber) {
    return spawn(source.kind(), id, Subscriber.renewing(source, subscriber, settings.renewEvery()));
  }

  private Subscription spawn(String kind, String id, Behavior<Subscriber.Command> behavior) {
    String name =
        "subscription-"
            + kind
            + "-"
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "-"
            + subscriptionsMade.incrementAndGet();
    return new Subscription(system.systemActorOf(behavior, name, Props.empty()));
  }

  private <Q, T> CompletionStage<T> ask(RecipientRef<Q> target, Function<ActorRef<T>, Q> message) {
    return translated(
        AskPattern.ask(target, message::apply, settings.askTimeout(), system.scheduler()));
  }

  private <Q, T> CompletionStage<T> askWithStatus(
      RecipientRef<Q> target, Function<ActorRef<StatusReply<T>>, Q> message) {
    return translated(
        AskPattern.askWithStatus(
            target, message::apply, settings.askTimeout(), system.scheduler()));
  }

  /** The stage, failed with a {@link RefusedException} where the entity refused. */
  private static <T> CompletionStage<T> translated(CompletionStage<T> stage) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(RefusedException.translate(failure));
          }
        });
    return result;
  }
}
