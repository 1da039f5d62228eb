package io.downhill.journal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.jdbc.journal.JdbcAsyncWriteJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The JDBC journal, timing each write for {@link JournalLatency}. Chosen in configuration with
 * {@code jdbc-journal.class = "io.downhill.journal.TimedJdbcJournal"}; it behaves exactly as the
 * plugin's own journal otherwise.
 */
public class TimedJdbcJournal extends JdbcAsyncWriteJournal {
  private final JournalLatency latency;

  public TimedJdbcJournal(Config config) {
    super(config);
    this.latency = JournalLatency.get(Adapter.toTyped(context().system()));
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    long started = System.nanoTime();
    Future<Seq<Try<BoxedUnit>>> written = super.asyncWriteMessages(messages);
    written.onComplete(
        done -> {
          latency.written(System.nanoTime() - started);
          return BoxedUnit.UNIT;
        },
        ec());
    return written;
  }
}
