package io.downhill.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;

/**
 * The actor behind one {@link Subscription}: it subscribes to an entity, renews the subscription on
 * a lease, and either hands each event to a callback or leaves the events to the caller's own
 * actor. Lives until the subscription is closed (or, for a caller's actor, until that actor stops).
 */
final class Subscriber {
  private Subscriber() {}

  /** Local messages only: a subscription lives in the caller's own node. */
  sealed interface Command extends NoSerializationVerificationNeeded {}

  private record Forward(Object event) implements Command {}

  private enum Renew implements Command {
    INSTANCE
  }

  /** The caller's actor stopped: nothing is left to renew for. */
  private enum SubscriberStopped implements Command {
    INSTANCE
  }

  /** Unsubscribes and stops. */
  enum Stop implements Command {
    INSTANCE
  }

  /**
   * How to subscribe to one entity.
   *
   * @param kind session, sweep or workshop, for the actor's name
   * @param eventType the class of the events the entity publishes
   * @param subscribe sends the entity a subscription for the given subscriber (true: a renewal)
   * @param unsubscribe sends the entity the matching unsubscription
   */
  record Source<E>(
      String kind,
      Class<E> eventType,
      BiConsumer<ActorRef<E>, Boolean> subscribe,
      Consumer<ActorRef<E>> unsubscribe) {

    /** The entity's subscriptions, made with its own protocol's messages. */
    static <C, E> Source<E> of(
        String kind,
        Class<E> eventType,
        RecipientRef<C> entity,
        BiFunction<ActorRef<E>, Boolean, ? extends C> subscribe,
        Function<ActorRef<E>, ? extends C> unsubscribe) {
      return new Source<>(
          kind,
          eventType,
          (ref, renewal) -> entity.tell(subscribe.apply(ref, renewal)),
          ref -> entity.tell(unsubscribe.apply(ref)));
    }
  }

  /** Hands every event to {@code onEvent}, through {@code executor}, one after another. */
  static <E> Behavior<Command> forwarding(
      Source<E> source, Duration renewEvery, Executor executor, Consumer<? super E> onEvent) {
    return Behaviors.withTimers(
        timers ->
            Behaviors.setup(
                context -> {
                  ActorRef<E> events = context.messageAdapter(source.eventType(), Forward::new);
                  Logger log = context.getSystem().log();
                  source.subscribe().accept(events, false);
                  timers.startTimerWithFixedDelay(Renew.INSTANCE, renewEvery);
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Forward.class,
                          forward -> {
                            E event = source.eventType().cast(forward.event());
                            executor.execute(() -> deliver(log, onEvent, event));
                            return Behaviors.same();
                          })
                      .onMessageEquals(Renew.INSTANCE, () -> renew(source, events))
                      .onMessageEquals(Stop.INSTANCE, () -> stop(source, events))
                      .build();
                }));
  }

  /** Renews the subscription of the caller's own actor, which receives the events itself. */
  static <E> Behavior<Command> renewing(
      Source<E> source, ActorRef<E> subscriber, Duration renewEvery) {
    return Behaviors.withTimers(
        timers ->
            Behaviors.setup(
                context -> {
                  context.watchWith(subscriber, SubscriberStopped.INSTANCE);
                  source.subscribe().accept(subscriber, false);
                  timers.startTimerWithFixedDelay(Renew.INSTANCE, renewEvery);
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(Renew.INSTANCE, () -> renew(source, subscriber))
                      .onMessageEquals(Stop.INSTANCE, () -> stop(source, subscriber))
                      .onMessageEquals(SubscriberStopped.INSTANCE, Behaviors::stopped)
                      .build();
                }));
  }

  private static <E> Behavior<Command> renew(Source<E> source, ActorRef<E> subscriber) {
    source.subscribe().accept(subscriber, true);
    return Behaviors.same();
  }

  private static <E> Behavior<Command> stop(Source<E> source, ActorRef<E> subscriber) {
    source.unsubscribe().accept(subscriber);
    return Behaviors.stopped();
  }

  /** A callback that throws loses that event, not the subscription. */
  private static <E> void deliver(Logger log, Consumer<? super E> onEvent, E event) {
    try {
      onEvent.accept(event);
    } catch (RuntimeException e) {
      log.warn("a subscription's callback failed on {}", event, e);
    }
  }
}
