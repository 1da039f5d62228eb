package io.downhill.gateway.websocket;

import io.downhill.client.Subscription;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One watched session or sweep on the gateway's event loop: collects its events between flushes and
 * hands each flush's batch, encoded once, to every watcher. Lives while anyone watches.
 */
abstract class Feed {
  final String id;
  final Set<ClientConnection> watchers = new LinkedHashSet<>();

  /** The subscription that feeds it, renewing its lease while anyone watches. */
  Subscription subscription;

  Feed(String id) {
    this.id = id;
  }

  /** The batch since the last flush, or null when nothing happened. */
  abstract FeedBatch drain();

  /** The last state message seen, for a client that joins or catches up; null before any. */
  abstract String latestState();

  /**
   * The messages that bring a client that joins or catches up to the latest state (a large state
   * comes in several); empty before any.
   */
  List<String> latestMessages() {
    String state = latestState();
    return state == null ? List.of() : List.of(state);
  }

  /** Whether the source has stopped; the feed is then dropped after its last batch. */
  abstract boolean stopped();
}
