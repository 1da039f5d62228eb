package io.downhill.workshop;

import io.downhill.watch.Watchers;
import io.downhill.workshop.Workshop.Command;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A workshop's subscribers and the sequence numbers of what it publishes to them. Subscribers are
 * not state: they live as long as the workshop is in memory, and renew their lease to stay.
 */
final class WorkshopSubscribers {
  private final String id;
  private final ActorContext<Command> context;
  private final Watchers<WorkshopEvent> watchers = new Watchers<>();
  private long seq;

  WorkshopSubscribers(String id, ActorContext<Command> context) {
    this.id = id;
    this.context = context;
  }

  /** The sequence number of the last event published. */
  long seq() {
    return seq;
  }

  /** Numbers events on from the stored sequence number. */
  void storedAt(long storedSeq) {
    seq = storedSeq;
  }

  boolean isEmpty() {
    return watchers.isEmpty();
  }

  /** Adds or renews a subscriber; a new one is told the state at once. */
  void subscribe(Workshop.Subscribe message, Supplier<WorkshopState> view) {
    if (watchers.renew(message.subscriber(), System.nanoTime())) {
      context.watchWith(
          message.subscriber(), new Workshop.SubscriberTerminated(message.subscriber()));
      WorkshopEvent.Change change =
          message.renewal() ? WorkshopEvent.Change.RECOVERED : WorkshopEvent.Change.SUBSCRIBED;
      message.subscriber().tell(new WorkshopEvent(id, seq, change, view.get()));
    }
  }

  void unsubscribe(ActorRef<WorkshopEvent> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
  }

  /** Drops the subscribers that did not renew within the lease. */
  void expire(long nowNanos, Duration lease) {
    for (ActorRef<WorkshopEvent> gone : watchers.expire(nowNanos, lease.toNanos())) {
      context.unwatch(gone);
    }
  }

  /** Publishes the state after a change, under the next sequence number, and returns it. */
  WorkshopState publish(WorkshopEvent.Change change, Supplier<WorkshopState> view) {
    seq++;
    WorkshopState state = view.get();
    watchers.publish(new WorkshopEvent(id, seq, change, state));
    return state;
  }
}
