package io.downhill.sweep;

import io.downhill.sweep.Sweep.Command;
import io.downhill.watch.Subscribers;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** What a sweep publishes to its {@link Subscribers}: its losses as they come, and its state. */
final class SweepSubscribers {
  private final String id;
  private final Subscribers<Command, SweepEvent> all;

  SweepSubscribers(String id, ActorContext<Command> context) {
    this.id = id;
    this.all = new Subscribers<>(context, Sweep.SubscriberTerminated::new);
  }

  /** The sequence number of the last event published. */
  long seq() {
    return all.seq();
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** Adds or renews a subscriber; a new one is told the state at once. */
  void subscribe(Sweep.Subscribe message, Supplier<SweepState> state) {
    if (all.renew(message.subscriber())) {
      SweepEvent.Change change =
          message.renewal() ? SweepEvent.Change.RECOVERED : SweepEvent.Change.SUBSCRIBED;
      message.subscriber().tell(new SweepEvent.StateChanged(id, all.seq(), change, state.get()));
    }
  }

  void unsubscribe(ActorRef<SweepEvent> subscriber) {
    all.remove(subscriber);
  }

  void expire(long nowNanos, Duration lease) {
    all.expire(nowNanos, lease);
  }

  /** Publishes the losses of lock-steps {@code fromStep..toStep} for some variants. */
  void publishProgress(long fromStep, long toStep, int[] variants, double[][] losses) {
    all.publish(new SweepEvent.Progress(id, all.next(), fromStep, toStep, variants, losses));
  }

  /** Publishes the state after a change, under the next sequence number. */
  void publishState(SweepEvent.Change change, Supplier<SweepState> state) {
    long seq = all.next();
    all.publish(new SweepEvent.StateChanged(id, seq, change, state.get()));
  }
}
