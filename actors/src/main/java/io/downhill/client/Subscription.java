package io.downhill.client;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * One live subscription to a session, sweep or workshop, made by {@link DownhillClient}. While
 * open, a small actor renews its lease with the entity (so an entity that restarted or moved to
 * another node takes it back, with a {@code recovered} event); {@link #close} unsubscribes and
 * stops that actor. Closing twice is harmless.
 */
public final class Subscription implements AutoCloseable {
  private final ActorRef<Subscriber.Command> subscriber;

  Subscription(ActorRef<Subscriber.Command> subscriber) {
    this.subscriber = subscriber;
  }

  /** Unsubscribes from the entity and stops renewing; events already under way may still arrive. */
  @Override
  public void close() {
    subscriber.tell(Subscriber.Stop.INSTANCE);
  }
}
