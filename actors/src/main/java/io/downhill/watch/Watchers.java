package io.downhill.watch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The subscribers of one entity, each on a lease: a subscriber renews its subscription now and
 * then, and one that stops renewing (its gateway died, or the entity moved to another node and lost
 * its memory) is dropped. Owned by one entity actor; not thread-safe.
 *
 * @param <E> the events the subscribers receive
 */
public final class Watchers<E> {
  private final Map<ActorRef<E>, Long> renewedAt = new LinkedHashMap<>();

  /** Adds or renews a subscriber; true when it was not subscribed before. */
  public boolean renew(ActorRef<E> subscriber, long nowNanos) {
    return renewedAt.put(subscriber, nowNanos) == null;
  }

  /** Removes a subscriber; true when it was subscribed. */
  public boolean remove(ActorRef<E> subscriber) {
    return renewedAt.remove(subscriber) != null;
  }

  /** Drops every subscriber whose lease ran out; returns them, so the caller can unwatch them. */
  public List<ActorRef<E>> expire(long nowNanos, long leaseNanos) {
    List<ActorRef<E>> gone = new ArrayList<>();
    Iterator<Map.Entry<ActorRef<E>, Long>> entries = renewedAt.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<ActorRef<E>, Long> entry = entries.next();
      if (nowNanos - entry.getValue() > leaseNanos) {
        gone.add(entry.getKey());
        entries.remove();
      }
    }
    return gone;
  }

  public void publish(E event) {
    for (ActorRef<E> subscriber : renewedAt.keySet()) {
      subscriber.tell(event);
    }
  }

  public void forEach(Consumer<ActorRef<E>> action) {
    renewedAt.keySet().forEach(action);
  }

  public boolean isEmpty() {
    return renewedAt.isEmpty();
  }

  public int size() {
    return renewedAt.size();
  }
}
