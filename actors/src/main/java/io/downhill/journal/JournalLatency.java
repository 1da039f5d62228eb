package io.downhill.journal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * How long the journal takes to store a batch of events, per actor system: {@link TimedJdbcJournal}
 * reports each write here, and whoever watches (the server's metrics) listens. A write is what an
 * entity waits for before it answers, so this is the latency durability adds to every acknowledged
 * command.
 */
public final class JournalLatency implements Extension {
  private static final ExtensionId<JournalLatency> ID =
      new ExtensionId<>() {
        @Override
        public JournalLatency createExtension(ActorSystem<?> system) {
          return new JournalLatency();
        }
      };

  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

  private JournalLatency() {}

  public static JournalLatency get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Calls {@code listener} with the nanoseconds of every write from now on. */
  public void onWrite(LongConsumer listener) {
    listeners.add(listener);
  }

  /** Reports one write that took {@code nanos}. */
  public void written(long nanos) {
    for (LongConsumer listener : listeners) {
      listener.accept(nanos);
    }
  }
}
