package io.downhill.gateway.stream;

import io.vertx.core.Context;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The one subscriber a gateway holds per watched session or sweep: it hands each event to the
 * Vert.x context that owns the feed, so the fan-out to clients runs on an event loop, never in an
 * actor. Lives from the first watcher to the last.
 */
final class FeedActor {
  private FeedActor() {}

  sealed interface Command {}

  private record Forward(Object event) implements Command {}

  /** Unsubscribes and stops. */
  enum Stop implements Command {
    INSTANCE
  }

  /**
   * @param eventType the class of the events the source publishes
   * @param subscribe sends the source a subscription for the given subscriber
   * @param unsubscribe sends the source the matching unsubscription
   */
  static <E> Behavior<Command> create(
      Class<E> eventType,
      Consumer<ActorRef<E>> subscribe,
      Consumer<ActorRef<E>> unsubscribe,
      Context vertxContext,
      Consumer<E> feed) {
    return Behaviors.setup(
        context -> {
          ActorRef<E> events = context.messageAdapter(eventType, Forward::new);
          subscribe.accept(events);
          return Behaviors.receive(Command.class)
              .onMessage(
                  Forward.class,
                  forward -> {
                    E event = eventType.cast(forward.event());
                    vertxContext.runOnContext(ignored -> feed.accept(event));
                    return Behaviors.same();
                  })
              .onMessageEquals(
                  Stop.INSTANCE,
                  () -> {
                    unsubscribe.accept(events);
                    return Behaviors.stopped();
                  })
              .build();
        });
  }
}
