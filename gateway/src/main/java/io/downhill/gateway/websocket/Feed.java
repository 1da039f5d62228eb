package io.downhill.gateway.websocket;

import io.downhill.client.Subscription;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One watched session or sweep on the gateway's event loop: collects its events between flushes and
 * hands each flush's batch, encoded once, to every watcher. Lives while anyone watches.
 */
public abstract class Feed {
  protected final String id;
  final Set<ClientConnection> watchers = new LinkedHashSet<>();

  /** The subscription that feeds it, renewing its lease while anyone watches. */
  public Subscription subscription;

  protected Feed(String id) {
    this.id = id;
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

  /** Whether the source has stopped; the feed is then dropped after its last batch. */
  protected abstract boolean stopped();
}
