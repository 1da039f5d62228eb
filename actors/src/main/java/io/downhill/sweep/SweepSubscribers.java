package io.downhill.sweep;

import io.downhill.sweep.Sweep.Command;
import io.downhill.watch.Watchers;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A sweep's subscribers and the sequence numbers of what it publishes to them. Subscribers are not
 * state: they live as long as the sweep is in memory, and renew their lease to stay.
 */
final class SweepSubscribers {
  private final String id;
  private final ActorContext<Command> context;
  private final Watchers<SweepEvent> watchers = new Watchers<>();
  private long seq;

  SweepSubscribers(String id, ActorContext<Command> context) {
    this.id = id;
    this.context = context;
  }

  /** The sequence number of the last event published. */
  long seq() {
    return seq;
  }

  boolean isEmpty() {
    return watchers.isEmpty();
  }

  /** Adds or renews a subscriber; a new one is told the state at once. */
  void subscribe(Sweep.Subscribe message, Supplier<SweepState> state) {
    if (watchers.renew(message.subscriber(), System.nanoTime())) {
      context.watchWith(message.subscriber(), new Sweep.SubscriberTerminated(message.subscriber()));
      SweepEvent.Change change =
          message.renewal() ? SweepEvent.Change.RECOVERED : SweepEvent.Change.SUBSCRIBED;
      message.subscriber().tell(new SweepEvent.StateChanged(id, seq, change, state.get()));
    }
  }

  void unsubscribe(ActorRef<SweepEvent> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
  }

  /** Drops the subscribers that did not renew within the lease. */
  void expire(long nowNanos, Duration lease) {
    for (ActorRef<SweepEvent> gone : watchers.expire(nowNanos, lease.toNanos())) {
      context.unwatch(gone);
    }
  }

  /** Publishes the losses of lock-steps {@code fromStep..toStep} for some variants. */
  void publishProgress(long fromStep, long toStep, int[] variants, double[][] losses) {
    watchers.publish(new SweepEvent.Progress(id, ++seq, fromStep, toStep, variants, losses));
  }

  /** Publishes the state after a change, under the next sequence number. */
  void publishState(SweepEvent.Change change, Supplier<SweepState> state) {
    seq++;
    watchers.publish(new SweepEvent.StateChanged(id, seq, change, state.get()));
  }
}
