package io.downhill.gateway.stream;

import io.downhill.gateway.wire.SessionView;
import io.downhill.gateway.wire.StepView;
import io.downhill.gateway.wire.StreamMessages;
import io.downhill.gateway.wire.WireJson;
import io.downhill.numerics.training.StepRecord;
import io.downhill.session.SessionEvent;
import java.util.ArrayList;
import java.util.List;

/** A watched session: its steps since the last flush in one message, and its state changes. */
final class SessionFeed extends Feed {
  /** A session stepping faster than the event loop flushes still holds a bounded batch. */
  static final int MAX_PENDING_STEPS = 20_000;

  private final List<StepView> pendingSteps = new ArrayList<>();
  private final List<String> pendingStates = new ArrayList<>();
  private final List<String> pendingOrder = new ArrayList<>();
  private long pendingFirstSeq = -1;
  private long stepsFirstSeq = -1;
  private long stepsLastSeq;
  private double stepsMadeAt;
  private long pendingLastSeq;
  private long pendingDropped;
  private long droppedFrom;
  private String latestState;
  private boolean stopped;

  SessionFeed(String id) {
    super(id);
  }

  /** Takes one event from the session (on the event loop). */
  void accept(SessionEvent event) {
    if (pendingFirstSeq < 0) {
      pendingFirstSeq = event.seq();
    }
    pendingLastSeq = event.seq();
    if (event instanceof SessionEvent.Stepped stepped) {
      if (stepsFirstSeq < 0) {
        stepsFirstSeq = event.seq();
      }
      stepsLastSeq = event.seq();
      stepsMadeAt = stepped.madeAtMillis();
      for (StepRecord record : stepped.steps()) {
        if (pendingSteps.size() >= MAX_PENDING_STEPS) {
          StepView dropped = pendingSteps.remove(0);
          if (pendingDropped++ == 0) {
            droppedFrom = dropped.step();
          }
        }
        pendingSteps.add(StepView.of(record));
      }
    } else if (event instanceof SessionEvent.StateChanged changed) {
      flushStepsIntoOrder();
      String state =
          WireJson.encode(
              new StreamMessages.State(
                  id,
                  changed.seq(),
                  changed.change().wireName(),
                  SessionView.of(changed.snapshot())));
      pendingStates.add(state);
      pendingOrder.add(state);
      latestState = state;
      if (changed.change() == SessionEvent.Change.STOPPED) {
        stopped = true;
      }
    }
  }

  /** Steps before a state change go out before it, so a client sees them in order. */
  private void flushStepsIntoOrder() {
    if (!pendingSteps.isEmpty() || pendingDropped > 0) {
      pendingOrder.add(encodeSteps());
    }
  }

  private StepView lastStepView;
  private long batchStepCount;
  private long batchFromStep;
  private long batchToStep;

  private String encodeSteps() {
    StringBuilder out = new StringBuilder();
    if (pendingDropped > 0) {
      StepView firstKept = pendingSteps.isEmpty() ? null : pendingSteps.get(0);
      out.append(
          WireJson.encode(
              new StreamMessages.Skipped(
                  id,
                  stepsFirstSeq,
                  stepsLastSeq,
                  pendingDropped,
                  droppedFrom,
                  firstKept == null ? droppedFrom + pendingDropped - 1 : firstKept.step() - 1,
                  null)));
      batchStepCount += pendingDropped;
      if (batchFromStep == 0) {
        batchFromStep = droppedFrom;
      }
      pendingDropped = 0;
      if (!pendingSteps.isEmpty()) {
        out.append(',');
      }
    }
    if (!pendingSteps.isEmpty()) {
      out.append(
          WireJson.encode(
              new StreamMessages.Steps(
                  id, stepsFirstSeq, stepsLastSeq, stepsMadeAt, List.copyOf(pendingSteps))));
      if (batchFromStep == 0) {
        batchFromStep = pendingSteps.get(0).step();
      }
      lastStepView = pendingSteps.get(pendingSteps.size() - 1);
      batchToStep = lastStepView.step();
      batchStepCount += pendingSteps.size();
      pendingSteps.clear();
    }
    stepsFirstSeq = -1;
    return out.toString();
  }

  @Override
  FeedBatch drain() {
    if (pendingFirstSeq < 0) {
      return null;
    }
    flushStepsIntoOrder();
    FeedBatch batch =
        new FeedBatch(
            List.copyOf(pendingOrder),
            List.copyOf(pendingStates),
            batchStepCount,
            batchFromStep,
            batchToStep,
            pendingFirstSeq,
            pendingLastSeq,
            lastStepView);
    pendingOrder.clear();
    pendingStates.clear();
    pendingFirstSeq = -1;
    lastStepView = null;
    batchStepCount = 0;
    batchFromStep = 0;
    batchToStep = 0;
    return batch;
  }

  @Override
  String latestState() {
    return latestState;
  }

  @Override
  boolean stopped() {
    return stopped;
  }
}
