package io.downhill.session;

import io.downhill.numerics.training.StepRecord;
import io.downhill.session.Session.Command;
import io.downhill.session.SessionEvent.Change;
import io.downhill.watch.Subscribers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A session's subscribers and the sequence numbers of what it publishes to them. Subscribers are
 * not state: they live as long as the session is in memory, and renew their lease to stay.
 */
final class SessionSubscribers {
  /**
   * How far the sequence numbers jump when a session comes back from its journal. Watchers may have
   * seen events after the last checkpoint (at most a second of chunks, far fewer than this), so
   * numbers never repeat and the jump shows as the gap it is.
   */
  static final long RECOVERY_SEQ_GAP = 1_000_000;

  /** The most bytes of steps in one published event, well under Artery's 256 KiB frames. */
  static final int MAX_EVENT_BYTES = 100_000;

  private final String id;
  private final Subscribers<Command, SessionEvent> all;

  SessionSubscribers(String id, ActorContext<Command> context) {
    this.id = id;
    this.all = new Subscribers<>(context, Session.SubscriberTerminated::new);
  }

  /** The sequence number of the last event published. */
  long seq() {
    return all.seq();
  }

  /** Numbers events on from the stored sequence number, past a gap (see RECOVERY_SEQ_GAP). */
  void recoveredAt(long storedSeq) {
    all.numberFrom(storedSeq + RECOVERY_SEQ_GAP);
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** Adds or renews a subscriber; a new one is told the state at once. */
  void subscribe(Session.Subscribe message, Supplier<Snapshot> snapshot) {
    ActorRef<SessionEvent> subscriber = message.subscriber();
    if (all.renew(subscriber)) {
      Snapshot now = snapshot.get();
      Change change = message.renewal() ? Change.RECOVERED : Change.SUBSCRIBED;
      subscriber.tell(new SessionEvent.StateChanged(id, now.seq(), change, now));
    }
  }

  void unsubscribe(ActorRef<SessionEvent> subscriber) {
    all.remove(subscriber);
  }

  /** Drops the subscribers that did not renew within the lease. */
  void expire(long nowNanos, Duration lease) {
    all.expire(nowNanos, lease);
  }

  /**
   * Publishes a chunk's steps in events small enough to cross nodes: Artery drops a message over
   * its frame size (256 KiB), and a 128-parameter model's 256 steps are about 600 KB in CBOR.
   */
  void publishSteps(List<StepRecord> chunk, int parameters) {
    int perEvent = stepsPerEvent(parameters);
    double madeAt = nowMillis();
    for (int from = 0; from < chunk.size(); from += perEvent) {
      List<StepRecord> part = chunk.subList(from, Math.min(chunk.size(), from + perEvent));
      all.publish(new SessionEvent.Stepped(id, all.next(), List.copyOf(part), madeAt));
    }
  }

  /** Publishes the state after a change, under the next sequence number. */
  void publishState(Change change, Supplier<Snapshot> snapshot) {
    all.next();
    Snapshot state = snapshot.get();
    all.publish(new SessionEvent.StateChanged(id, state.seq(), change, state));
  }

  /** About 100 KB of steps: each holds 2P + 3 numbers of 9 bytes in CBOR. */
  static int stepsPerEvent(int parameters) {
    return Math.max(1, MAX_EVENT_BYTES / ((2 * parameters + 3) * 9));
  }

  /** Wall-clock time with sub-millisecond precision, for step-to-screen latency. */
  private static double nowMillis() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }
}
