package io.downhill.gateway.websocket;

import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.session.StepView;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What one lagging client missed of one session, in constant space: a count and range of skipped
 * steps, the last step, and the most recent state messages (which include the end of every run).
 */
final class Lag {
  private final String session;
  private final int keptStates;
  private final Deque<String> states = new ArrayDeque<>();
  private long count;
  private long fromStep;
  private long toStep;
  private long firstSeq = -1;
  private long lastSeq;
  private StepView last;

  Lag(String session, int keptStates) {
    this.session = session;
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
      if (batch.lastStep() != null) {
        last = batch.lastStep();
      }
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
   * messages, when it comes in several).
   */
  void appendTo(List<String> messages, List<String> latestState) {
    if (count > 0) {
      messages.add(
          WireJson.encode(
              new StreamMessages.Skipped(
                  session, firstSeq, lastSeq, count, fromStep, toStep, last)));
    }
    messages.addAll(states);
    if (!latestState.isEmpty()) {
      boolean sent = !states.isEmpty() && states.getLast().equals(latestState.get(0));
      messages.addAll(sent ? latestState.subList(1, latestState.size()) : latestState);
    }
  }
}
