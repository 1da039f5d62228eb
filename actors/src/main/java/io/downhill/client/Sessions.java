package io.downhill.client;

import io.downhill.access.OwnerToken;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import io.downhill.session.StepHistory;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every command of Downhill's sessions as a method that returns a {@link CompletionStage}, and
 * subscriptions to their events. Given by {@link DownhillClient#sessions()}; lives as long as its
 * client, and is safe to share between threads.
 *
 * <p>Commands without a token ({@link #reconfigure}, {@link #halt}, {@link #end}) are for trusted
 * code in the application, as a workshop uses them on its participants' sessions: never expose them
 * to a client that is not the owner.
 */
public final class Sessions {
  private final ClusterSharding sharding;
  private final Asker asker;
  private final Subscriptions subscriptions;

  Sessions(ClusterSharding sharding, Asker asker, Subscriptions subscriptions) {
    this.sharding = sharding;
    this.asker = asker;
    this.subscriptions = subscriptions;
  }

  /** Creates a session with a new id; the reply carries its owner token, given only here. */
  public CompletionStage<Session.Created> create(TrainingSpec spec) {
    return ask(OwnerToken.newId(), r -> new Session.Create(spec, r));
  }

  public CompletionStage<Snapshot> state(String id) {
    return ask(id, Session.GetState::new);
  }

  /** Step {@code step} of the session's current run, recomputed from its journal if need be. */
  public CompletionStage<StepRecord> at(String id, long step) {
    return ask(id, r -> new Session.GetAt(step, r));
  }

  public CompletionStage<Session.Data> data(String id) {
    return ask(id, Session.GetData::new);
  }

  /** At most {@code limit} kept steps numbered {@code from} or later: one page of the history. */
  public CompletionStage<StepHistory.History> history(String id, long from, int limit) {
    return ask(id, r -> new Session.GetHistory(from, limit, r));
  }

  /** The loss, gradient and curve at other parameters; changes nothing. */
  public CompletionStage<Session.Evaluation> evaluate(String id, double[] params) {
    return ask(id, r -> new Session.Evaluate(params, r));
  }

  public CompletionStage<Snapshot> setParams(String id, String token, double[] params) {
    return ask(id, r -> new Session.SetParams(token, params, r));
  }

  /** Takes {@code count} steps; the reply holds every one of them. */
  public CompletionStage<Session.Stepped> step(String id, String token, int count) {
    return ask(id, r -> new Session.Step(token, count, r));
  }

  /**
   * Starts a run of {@code count} steps (paced to {@code stepsPerSecond} when above 0); the reply
   * comes once the run is stored, its steps as {@link SessionEvent}s to subscribers.
   */
  public CompletionStage<Snapshot> run(String id, String token, long count, double stepsPerSecond) {
    return ask(id, r -> new Session.Run(token, count, stepsPerSecond, r));
  }

  public CompletionStage<Snapshot> pause(String id, String token) {
    return ask(id, r -> new Session.Pause(token, r));
  }

  public CompletionStage<Snapshot> reset(String id, String token) {
    return ask(id, r -> new Session.Reset(token, r));
  }

  /** Starts over from {@code params} at step 0, keeping the rate and accumulation in use. */
  public CompletionStage<Snapshot> restart(String id, String token, double[] params) {
    return ask(id, r -> new Session.Restart(token, params, r));
  }

  public CompletionStage<Snapshot> setLearningRate(String id, String token, double learningRate) {
    return ask(id, r -> new Session.SetLearningRate(token, learningRate, r));
  }

  public CompletionStage<Snapshot> setAccumulateGradients(
      String id, String token, boolean accumulate) {
    return ask(id, r -> new Session.SetAccumulateGradients(token, accumulate, r));
  }

  /** Deletes the session for good; later commands to its id are refused as not found. */
  public CompletionStage<Done> delete(String id, String token) {
    return ask(id, r -> new Session.Delete(token, r));
  }

  /** Gives the session a new spec, keeping its id, token and subscribers. Trusted: no token. */
  public CompletionStage<Snapshot> reconfigure(String id, TrainingSpec spec) {
    return ask(id, r -> new Session.Reconfigure(spec, r));
  }

  /** Pauses the session's run. Trusted: no token. */
  public CompletionStage<Snapshot> halt(String id) {
    return ask(id, Session.Halt::new);
  }

  /** Deletes the session. Trusted: no token. */
  public CompletionStage<Done> end(String id) {
    return ask(id, Session.End::new);
  }

  /** Sends session {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> ask(
      String id, Function<ActorRef<StatusReply<T>>, Session.Command> command) {
    return asker.askWithStatus(sharding.entityRefFor(Session.TYPE_KEY, id), command);
  }

  /**
   * Hands every event of session {@code id} to {@code onEvent}, one at a time on an actor's thread
   * (so it must not block): first its state ({@code subscribed}), then every batch of steps and
   * every change, until the subscription is closed.
   */
  public Subscription subscribe(String id, Consumer<? super SessionEvent> onEvent) {
    return subscribe(id, Runnable::run, onEvent);
  }

  /** As {@link #subscribe(String, Consumer)}, each call of {@code onEvent} on executor. */
  public Subscription subscribe(
      String id, Executor executor, Consumer<? super SessionEvent> onEvent) {
    return subscriptions.forwarding(id, source(id), executor, onEvent);
  }

  /** Sends session {@code id}'s events to {@code subscriber}, renewing its lease until closed. */
  public Subscription subscribe(String id, ActorRef<SessionEvent> subscriber) {
    return subscriptions.renewing(id, source(id), subscriber);
  }

  private Subscriber.Source<SessionEvent> source(String id) {
    return Subscriber.Source.of(
        "session",
        SessionEvent.class,
        sharding.entityRefFor(Session.TYPE_KEY, id),
        Session.Subscribe::new,
        Session.Unsubscribe::new);
  }
}
