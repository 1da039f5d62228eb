package io.downhill.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;

/**
 * Spawns the {@link Subscriber} behind each {@link Subscription} of a {@link DownhillClient}, under
 * a name unique in the system. Lives as long as its client.
 */
final class Subscriptions {
  private final ActorSystem<?> system;
  private final DownhillSettings settings;
  private final AtomicLong made = new AtomicLong();

  Subscriptions(ActorSystem<?> system, DownhillSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  /** Hands each event of entity {@code id} to {@code onEvent}, called on {@code executor}. */
  <E> Subscription forwarding(
      String id, Subscriber.Source<E> source, Executor executor, Consumer<? super E> onEvent) {
    return spawn(
        source.kind(), id, Subscriber.forwarding(source, settings.renewEvery(), executor, onEvent));
  }

  /** Sends the events of entity {@code id} to {@code subscriber}, renewing until closed. */
  <E> Subscription renewing(String id, Subscriber.Source<E> source, ActorRef<E> subscriber) {
    return spawn(source.kind(), id, Subscriber.renewing(source, subscriber, settings.renewEvery()));
  }

  private Subscription spawn(String kind, String id, Behavior<Subscriber.Command> behavior) {
    String name =
        "subscription-"
            + kind
            + "-"
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "-"
            + made.incrementAndGet();
    return new Subscription(system.systemActorOf(behavior, name, Props.empty()));
  }
}
