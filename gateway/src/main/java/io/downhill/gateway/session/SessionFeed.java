package io.downhill.gateway.session;

import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.websocket.Feed;
import io.downhill.gateway.websocket.FeedBatch;
import io.downhill.numerics.training.StepRecord;
import io.downhill.session.SessionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A watched session: its steps since the last flush, in messages of whole events, and its state
 * changes, in the order they happened. Messages stay small (at most {@link #STEPS_PER_MESSAGE}
 * steps) and the batch bounded: if the event loop falls so far behind that more than {@link
 * #MAX_PENDING_STEPS} steps wait, the oldest events become one {@code skipped} message.
 */
public final class SessionFeed extends Feed {
  static final int MAX_PENDING_STEPS = 20_000;
  static final int STEPS_PER_MESSAGE = 1024;

  private final Deque<SessionEvent.Stepped> pendingSteps = new ArrayDeque<>();
  private final List<String> pendingStates = new ArrayList<>();
  private final List<String> pendingOrder = new ArrayList<>();
  private int pendingStepCount;
  private long pendingFirstSeq = -1;
  private long pendingLastSeq;
  private Dropped dropped;
  private String latestState;
  private boolean stopped;

  // What the batch being built covers, for a client that must skip it.
  private long batchStepCount;
  private long batchFromStep;
  private long batchToStep;
  private StepView batchLastStep;
  // The last step any batch held, for a client told what it skipped.
  private StepView lastStepSent;

  /** Events dropped before they could be sent, as one range. */
  private static final class Dropped {
    long firstSeq;
    long lastSeq;
    long count;
    long fromStep;
    long toStep;
  }

  public SessionFeed(String id) {
    super(id);
  }

  /** Takes one event from the session (on the event loop). */
  public void accept(SessionEvent event) {
    if (pendingFirstSeq < 0) {
      pendingFirstSeq = event.seq();
    }
    pendingLastSeq = event.seq();
    if (event instanceof SessionEvent.Stepped stepped) {
      pendingSteps.addLast(stepped);
      pendingStepCount += stepped.steps().size();
      while (pendingStepCount > MAX_PENDING_STEPS && pendingSteps.size() > 1) {
        drop(pendingSteps.removeFirst());
      }
    } else if (event instanceof SessionEvent.StateChanged changed) {
      encodeSteps();
      String state =
          WireJson.encode(
              new SessionMessages.State(
                  id,
                  changed.seq(),
                  changed.change().wireName(),
                  SessionView.of(changed.snapshot())));
      pendingStates.add(state);
      pendingOrder.add(state);
      latestState = state;
      stopped |= changed.change() == SessionEvent.Change.STOPPED;
    }
  }

  private void drop(SessionEvent.Stepped event) {
    List<StepRecord> steps = event.steps();
    pendingStepCount -= steps.size();
    if (dropped == null) {
      dropped = new Dropped();
      dropped.firstSeq = event.seq();
      dropped.fromStep = steps.get(0).step();
    }
    dropped.lastSeq = event.seq();
    dropped.count += steps.size();
    dropped.toStep = steps.get(steps.size() - 1).step();
  }

  /** Steps before a state change go out before it, so a client sees them in order. */
  private void encodeSteps() {
    if (dropped != null) {
      pendingOrder.add(
          WireJson.encode(
              new SessionMessages.Skipped(
                  id,
                  dropped.firstSeq,
                  dropped.lastSeq,
                  dropped.count,
                  dropped.fromStep,
                  dropped.toStep,
                  null)));
      count(dropped.count, dropped.fromStep, dropped.toStep);
      dropped = null;
    }
    List<StepView> steps = new ArrayList<>();
    long firstSeq = -1;
    long lastSeq = 0;
    double madeAt = 0;
    long firstStep = -1;
    while (!pendingSteps.isEmpty()) {
      SessionEvent.Stepped event = pendingSteps.removeFirst();
      if (!steps.isEmpty() && steps.size() + event.steps().size() > STEPS_PER_MESSAGE) {
        pendingOrder.add(
            WireJson.encode(new SessionMessages.Steps(id, firstSeq, lastSeq, madeAt, steps)));
        steps = new ArrayList<>();
        firstSeq = -1;
      }
      if (firstSeq < 0) {
        firstSeq = event.seq();
      }
      lastSeq = event.seq();
      madeAt = event.madeAtMillis();
      for (StepRecord record : event.steps()) {
        steps.add(StepView.of(record));
      }
      if (firstStep < 0) {
        firstStep = event.steps().get(0).step();
      }
    }
    if (!steps.isEmpty()) {
      pendingOrder.add(
          WireJson.encode(new SessionMessages.Steps(id, firstSeq, lastSeq, madeAt, steps)));
      batchLastStep = steps.get(steps.size() - 1);
      count(pendingStepCount, firstStep, batchLastStep.step());
    }
    pendingStepCount = 0;
  }

  private void count(long steps, long fromStep, long toStep) {
    if (batchStepCount == 0) {
      batchFromStep = fromStep;
    }
    batchStepCount += steps;
    batchToStep = toStep;
  }

  @Override
  protected FeedBatch drain() {
    if (pendingFirstSeq < 0) {
      return null;
    }
    encodeSteps();
    FeedBatch batch =
        new FeedBatch(
            List.copyOf(pendingOrder),
            List.copyOf(pendingStates),
            batchStepCount,
            batchFromStep,
            batchToStep,
            pendingFirstSeq,
            pendingLastSeq);
    if (batchLastStep != null) {
      lastStepSent = batchLastStep;
    }
    pendingOrder.clear();
    pendingStates.clear();
    pendingFirstSeq = -1;
    batchStepCount = 0;
    batchFromStep = 0;
    batchToStep = 0;
    batchLastStep = null;
    return batch;
  }

  @Override
  protected String skipped(long firstSeq, long lastSeq, long count, long fromStep, long toStep) {
    StepView last =
        lastStepSent != null && lastStepSent.step() >= fromStep && lastStepSent.step() <= toStep
            ? lastStepSent
            : null;
    return WireJson.encode(
        new SessionMessages.Skipped(id, firstSeq, lastSeq, count, fromStep, toStep, last));
  }

  @Override
  protected String latestState() {
    return latestState;
  }

  @Override
  protected boolean stopped() {
    return stopped;
  }
}
