package io.downhill.client;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Snapshot;
import io.downhill.workshop.JoinCode;
import io.downhill.workshop.JoinCodes;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopEvent;
import io.downhill.workshop.WorkshopState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every command of Downhill's workshops as a method that returns a {@link CompletionStage}, and
 * subscriptions to their events. Given by {@link DownhillClient#workshops()}; lives as long as its
 * client, and is safe to share between threads. "token" is the instructor's unless said otherwise.
 */
public final class Workshops {
  private final ClusterSharding sharding;
  private final Asker asker;
  private final Subscriptions subscriptions;

  Workshops(ClusterSharding sharding, Asker asker, Subscriptions subscriptions) {
    this.sharding = sharding;
    this.asker = asker;
    this.subscriptions = subscriptions;
  }

  /** Opens a workshop with a new id; the reply carries its join code and instructor token. */
  public CompletionStage<Workshop.Opened> open(String title, TrainingSpec scenario, int openSteps) {
    return ask(OwnerToken.newId(), r -> new Workshop.Open(title, scenario, openSteps, r));
  }

  /**
   * Joins the workshop whose join code this is, as a new participant named {@code name}; refused as
   * not found (field {@code code}) when no workshop has the code.
   */
  public CompletionStage<Workshop.Joined> join(String code, String name) {
    String normalized = JoinCode.normalize(code);
    return asker
        .askWithStatus(
            sharding.entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID),
            (ActorRef<StatusReply<JoinCodes.Holder>> r) -> new JoinCodes.Find(normalized, r))
        .thenCompose(
            holder ->
                holder.workshopId() != null
                    ? ask(holder.workshopId(), r -> new Workshop.Join(code, name, null, r))
                    : CompletableFuture.failedFuture(
                        new RefusedException(
                            Refused.notFound("code", "no workshop has this join code"))));
  }

  /**
   * Returns to workshop {@code workshopId} as the participant {@code rejoinToken} names; a token
   * the workshop does not know joins with {@code code} and {@code name} instead, as a newcomer.
   */
  public CompletionStage<Workshop.Joined> rejoin(
      String workshopId, String code, String name, String rejoinToken) {
    return ask(workshopId, r -> new Workshop.Join(code, name, rejoinToken, r));
  }

  /** The workshop as the holder of {@code token} may see it (null: the room's view). */
  public CompletionStage<Workshop.Seen> state(String id, String token) {
    return ask(id, r -> new Workshop.GetState(token, r));
  }

  /** Shows session {@code session} (null: none) on every screen of the room. */
  public CompletionStage<WorkshopState> spotlight(String id, String token, String session) {
    return ask(id, r -> new Workshop.Spotlight(token, session, r));
  }

  public CompletionStage<WorkshopState> openSteps(String id, String token, int steps) {
    return ask(id, r -> new Workshop.OpenSteps(token, steps, r));
  }

  public CompletionStage<WorkshopState> pushScenario(
      String id, String token, TrainingSpec scenario) {
    return ask(id, r -> new Workshop.PushScenario(token, scenario, r));
  }

  public CompletionStage<WorkshopState> pauseAll(String id, String token) {
    return ask(id, r -> new Workshop.PauseAll(token, r));
  }

  /** Revokes the join code; with {@code renew}, issues a new one. */
  public CompletionStage<WorkshopState> changeCode(String id, String token, boolean renew) {
    return ask(id, r -> new Workshop.ChangeCode(token, renew, r));
  }

  public CompletionStage<WorkshopState> extend(String id, String token, Duration extra) {
    return ask(id, r -> new Workshop.Extend(token, extra, r));
  }

  public CompletionStage<WorkshopState> removeParticipant(
      String id, String token, String participantId) {
    return ask(id, r -> new Workshop.RemoveParticipant(token, participantId, r));
  }

  /** Ends every participant's session and closes the workshop for good. */
  public CompletionStage<WorkshopState> close(String id, String token) {
    return ask(id, r -> new Workshop.Close(token, r));
  }

  /** Copies the spotlighted session into the participant's own; replies with its new state. */
  public CompletionStage<Snapshot> fork(String id, String participantToken) {
    return ask(id, r -> new Workshop.Fork(participantToken, r));
  }

  /** Sends workshop {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> ask(
      String id, Function<ActorRef<StatusReply<T>>, Workshop.Command> command) {
    return asker.askWithStatus(sharding.entityRefFor(Workshop.TYPE_KEY, id), command);
  }

  /**
   * Hands every event of workshop {@code id} to {@code onEvent}. The events carry the instructor's
   * view (participants' names and sessions): show a room only what it may see.
   */
  public Subscription subscribe(String id, Consumer<? super WorkshopEvent> onEvent) {
    return subscribe(id, Runnable::run, onEvent);
  }

  public Subscription subscribe(
      String id, Executor executor, Consumer<? super WorkshopEvent> onEvent) {
    return subscriptions.forwarding(id, source(id), executor, onEvent);
  }

  public Subscription subscribe(String id, ActorRef<WorkshopEvent> subscriber) {
    return subscriptions.renewing(id, source(id), subscriber);
  }

  private Subscriber.Source<WorkshopEvent> source(String id) {
    return Subscriber.Source.of(
        "workshop",
        WorkshopEvent.class,
        sharding.entityRefFor(Workshop.TYPE_KEY, id),
        Workshop.Subscribe::new,
        Workshop.Unsubscribe::new);
  }
}
