package io.downhill.gateway.stream;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The one subscriber a gateway holds per watched session, sweep or workshop: it hands each event to
 * the Vert.x context that owns the feed, so the fan-out to clients runs on an event loop, never in
 * an actor. It renews its subscription on a lease, so an entity that restarted or moved to another
 * node takes it back, and one whose gateway died forgets it. Lives from the first watcher to the
 * last.
 */
final class FeedActor {
  private FeedActor() {}

  sealed interface Command {}

  private record Forward(Object event) implements Command {}

  private enum Renew implements Command {
    INSTANCE
  }

  /** Unsubscribes and stops. */
  enum Stop implements Command {
    INSTANCE
  }

  /**
   * @param eventType the class of the events the source publishes
   * @param subscribe sends the source a subscription (true: a renewal) for the given subscriber
   * @param unsubscribe sends the source the matching unsubscription
   * @param renewEvery how often the subscription is renewed
   */
  static <E> Behavior<Command> create(
      Class<E> eventType,
      BiConsumer<ActorRef<E>, Boolean> subscribe,
      Consumer<ActorRef<E>> unsubscribe,
      Duration renewEvery,
      Context vertxContext,
      Consumer<E> feed) {
    return Behaviors.withTimers(
        timers ->
            Behaviors.setup(
                context -> {
                  ActorRef<E> events = context.messageAdapter(eventType, Forward::new);
                  subscribe.accept(events, false);
                  timers.startTimerWithFixedDelay(Renew.INSTANCE, renewEvery);
                  return Behaviors.receive(Command.class)
                      .onMessage(
                          Forward.class,
                          forward -> {
                            E event = eventType.cast(forward.event());
                            vertxContext.runOnContext(ignored -> feed.accept(event));
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Renew.INSTANCE,
                          () -> {
                            subscribe.accept(events, true);
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          Stop.INSTANCE,
                          () -> {
                            unsubscribe.accept(events);
                            return Behaviors.stopped();
                          })
                      .build();
                }));
  }
}
