package io.downhill.workshop;

import io.downhill.watch.Subscribers;
import io.downhill.workshop.Workshop.Command;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** What a workshop publishes to its {@link Subscribers}: its state after every change. */
final class WorkshopSubscribers {
  private final String id;
  private final Subscribers<Command, WorkshopEvent> all;

  WorkshopSubscribers(String id, ActorContext<Command> context) {
    this.id = id;
    this.all = new Subscribers<>(context, Workshop.SubscriberTerminated::new);
  }

  /** The sequence number of the last event published. */
  long seq() {
    return all.seq();
  }

  /** Numbers events on from the stored sequence number. */
  void storedAt(long storedSeq) {
    all.numberFrom(storedSeq);
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** Adds or renews a subscriber; a new one is told the state at once. */
  void subscribe(Workshop.Subscribe message, Supplier<WorkshopState> view) {
    if (all.renew(message.subscriber())) {
      WorkshopEvent.Change change =
          message.renewal() ? WorkshopEvent.Change.RECOVERED : WorkshopEvent.Change.SUBSCRIBED;
      message.subscriber().tell(new WorkshopEvent(id, all.seq(), change, view.get()));
    }
  }

  void unsubscribe(ActorRef<WorkshopEvent> subscriber) {
    all.remove(subscriber);
  }

  void expire(long nowNanos, Duration lease) {
    all.expire(nowNanos, lease);
  }

  /** Publishes the state after a change, under the next sequence number, and returns it. */
  WorkshopState publish(WorkshopEvent.Change change, Supplier<WorkshopState> view) {
    long seq = all.next();
    WorkshopState state = view.get();
    all.publish(new WorkshopEvent(id, seq, change, state));
    return state;
  }
}
