package io.downhill.watch;

import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * An entity's subscribers on their leases ({@link Watchers}), watched by the entity so that one
 * that stops is dropped at once, and the sequence number of the last event published to them. Lives
 * as long as the entity is in memory; owned by the entity actor, not thread-safe.
 *
 * @param <C> the entity's commands, one of which says a subscriber stopped
 * @param <E> the events the subscribers receive
 */
public final class Subscribers<C, E> {
  private final ActorContext<C> context;
  private final Function<ActorRef<E>, C> terminated;
  private final Watchers<E> watchers = new Watchers<>();
  private long seq;

  /** {@code terminated} is the message the entity is sent when a subscriber stops. */
  public Subscribers(ActorContext<C> context, Function<ActorRef<E>, C> terminated) {
    this.context = context;
    this.terminated = terminated;
  }

  /** The sequence number of the last event published. */
  public long seq() {
    return seq;
  }

  /** The sequence number of the next event, taken. */
  public long next() {
    return ++seq;
  }

  /** Numbers events on from {@code storedSeq}, as the entity's journal has it. */
  public void numberFrom(long storedSeq) {
    seq = storedSeq;
  }

  public boolean isEmpty() {
    return watchers.isEmpty();
  }

  /** Adds or renews a subscriber; true when it is new, and should be told the state at once. */
  public boolean renew(ActorRef<E> subscriber) {
    if (watchers.renew(subscriber, System.nanoTime())) {
      context.watchWith(subscriber, terminated.apply(subscriber));
      return true;
    }
    return false;
  }

  public void remove(ActorRef<E> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
  }

  /** Drops the subscribers that did not renew within the lease. */
  public void expire(long nowNanos, Duration lease) {
    for (ActorRef<E> gone : watchers.expire(nowNanos, lease.toNanos())) {
      context.unwatch(gone);
    }
  }

  public void publish(E event) {
    watchers.publish(event);
  }
}
