package io.downhill.gateway.websocket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What one lagging client missed of one feed, in constant space: a count and range of skipped
 * steps, and the most recent state messages (which include the end of every run). The feed says how
 * the skipped steps are told ({@link Feed#skipped}).
 */
final class Lag {
  private final int keptStates;
  private final Deque<String> states = new ArrayDeque<>();
  private long count;
  private long fromStep;
  private long toStep;
  private long firstSeq = -1;
  private long lastSeq;

  Lag(int keptStates) {
    this.keptStates = keptStates;
  }

  void absorb(FeedBatch batch) {
    if (firstSeq < 0) {
      firstSeq = batch.firstSeq();
    }
    lastSeq = batch.lastSeq();
    if (batch.stepCount() > 0) {
      if (count == 0) {
        fromStep = batch.fromStep();
      }
      count += batch.stepCount();
      toStep = batch.toStep();
    }
    for (String state : batch.stateFragments()) {
      if (states.size() == keptStates) {
        states.removeFirst();
      }
      states.addLast(state);
    }
  }

  /**
   * The catch-up messages: the skip marker, then the kept states, then the latest state (its
   * messages, when it comes in several). {@code feed} is null when the client no longer watches it.
   */
  void appendTo(List<String> messages, Feed feed) {
    if (feed == null) {
      return;
    }
    if (count > 0) {
      messages.add(feed.skipped(firstSeq, lastSeq, count, fromStep, toStep));
    }
    messages.addAll(states);
    List<String> latestState = feed.latestMessages();
    if (!latestState.isEmpty()) {
      boolean sent = !states.isEmpty() && states.getLast().equals(latestState.get(0));
      messages.addAll(sent ? latestState.subList(1, latestState.size()) : latestState);
    }
  }
}
