package io.downhill.gateway.websocket;

import io.downhill.client.Subscription;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One watched session, sweep or workshop room on the gateway's event loop: collects its events
 * between flushes and hands each flush's batch, encoded once, to every watcher. Lives while anyone
 * watches; its feature ({@code session/}, {@code sweep/}, {@code workshop/}) says what a batch
 * holds.
 */
public abstract class Feed {
  protected final String id;
  final Set<ClientConnection> watchers = new LinkedHashSet<>();

  /** The subscription that feeds it, renewing its lease while anyone watches. */
  private Subscription subscription;

  protected Feed(String id) {
    this.id = id;
  }

  /** Fed by {@code subscription} from now on; closed when the last watcher leaves. */
  public final void attach(Subscription subscription) {
    this.subscription = subscription;
  }

  final void close() {
    if (subscription != null) {
      subscription.close();
    }
  }

  /** The batch since the last flush, or null when nothing happened. */
  protected abstract FeedBatch drain();

  /** The last state message seen, for a client that joins or catches up; null before any. */
  protected abstract String latestState();

  /**
   * The messages that bring a client that joins or catches up to the latest state (a large state
   * comes in several); empty before any.
   */
  protected List<String> latestMessages() {
    String state = latestState();
    return state == null ? List.of() : List.of(state);
  }

  /**
   * The message that tells a client which steps it missed while it fell behind: {@code count} steps
   * numbered {@code fromStep … toStep}, in events {@code firstSeq … lastSeq}. Only a feed whose
   * batches count steps is asked.
   */
  protected String skipped(long firstSeq, long lastSeq, long count, long fromStep, long toStep) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no steps to skip");
  }

  /** Whether the source has stopped; the feed is then dropped after its last batch. */
  protected abstract boolean stopped();
}
