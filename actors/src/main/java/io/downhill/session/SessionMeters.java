package io.downhill.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What the sessions of one actor system are doing, for whoever reports it (the server's {@code
 * /metrics}): steps made since the start, and how many sessions have work under way. Counted by the
 * sessions themselves, cheaply: one add per chunk of steps, one per run that starts or ends.
 */
public final class SessionMeters implements Extension {
  private static final ExtensionId<SessionMeters> ID =
      new ExtensionId<>() {
        @Override
        public SessionMeters createExtension(ActorSystem<?> system) {
          return new SessionMeters();
        }
      };

  private final LongAdder steps = new LongAdder();
  private final AtomicInteger running = new AtomicInteger();

  private SessionMeters() {}

  public static SessionMeters get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Steps all sessions on this node made since it started. */
  public long steps() {
    return steps.sum();
  }

  /** Sessions on this node with a run or step request under way. */
  public int running() {
    return running.get();
  }

  void stepped(int count) {
    steps.add(count);
  }

  void workStarted() {
    running.incrementAndGet();
  }

  void workEnded() {
    running.decrementAndGet();
  }
}
