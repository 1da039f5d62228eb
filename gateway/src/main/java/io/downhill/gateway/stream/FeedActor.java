package io.downhill.gateway.stream;

import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.vertx.core.Context;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The one subscriber a gateway holds per watched session: it hands each event to the Vert.x context
 * that owns the feed, so the fan-out to clients runs on an event loop, never in an actor. Lives
 * from the first watcher of a session to the last.
 */
final class FeedActor {
  private FeedActor() {}

  sealed interface Command {}

  private record Forward(SessionEvent event) implements Command {}

  /** Unsubscribes and stops. */
  enum Stop implements Command {
    INSTANCE
  }

  static Behavior<Command> create(
      ActorRef<Session.Command> session, Context vertxContext, Consumer<SessionEvent> feed) {
    return Behaviors.setup(
        context -> {
          ActorRef<SessionEvent> events = context.messageAdapter(SessionEvent.class, Forward::new);
          session.tell(new Session.Subscribe(events));
          return Behaviors.receive(Command.class)
              .onMessage(
                  Forward.class,
                  forward -> {
                    vertxContext.runOnContext(ignored -> feed.accept(forward.event()));
                    return Behaviors.same();
                  })
              .onMessageEquals(
                  Stop.INSTANCE,
                  () -> {
                    session.tell(new Session.Unsubscribe(events));
                    return Behaviors.stopped();
                  })
              .build();
        });
  }
}
