package io.downhill.gateway.stream;

import io.downhill.gateway.wire.SweepView;
import io.downhill.gateway.wire.WireJson;
import io.downhill.sweep.SweepEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A watched sweep. Its progress is thinned before it is sent, so one message holds at most about
 * {@link #POINTS_PER_MESSAGE} losses however many variants the sweep has: a browser draws curves of
 * a thousand variants from a sample of their steps, and the last step is always included.
 */
final class SweepFeed extends Feed {
  static final int POINTS_PER_MESSAGE = 4000;

  /** The progress of some variants, thinned. */
  record Progress(
      String type,
      String sweep,
      long firstSeq,
      long seq,
      double at,
      long[] steps,
      int[] variants,
      double[][] losses) {}

  /** The sweep's state after a change. */
  record State(String type, String sweep, long seq, String change, SweepView state) {}

  private final List<String> pending = new ArrayList<>();
  private final List<String> pendingStates = new ArrayList<>();
  private long firstSeq = -1;
  private long lastSeq;
  private String latestState;
  private boolean stopped;

  SweepFeed(String id) {
    super(id);
  }

  void accept(SweepEvent event) {
    if (firstSeq < 0) {
      firstSeq = event.seq();
    }
    lastSeq = event.seq();
    if (event instanceof SweepEvent.Progress progress) {
      pending.add(WireJson.encode(thin(progress)));
    } else if (event instanceof SweepEvent.StateChanged changed) {
      String state =
          WireJson.encode(
              new State(
                  "sweep-state",
                  id,
                  changed.seq(),
                  changed.change(),
                  SweepView.of(changed.state())));
      pending.add(state);
      pendingStates.add(state);
      latestState = state;
      stopped |= changed.change().equals("stopped");
    }
  }

  private Progress thin(SweepEvent.Progress progress) {
    int count = progress.losses().length == 0 ? 0 : progress.losses()[0].length;
    long points = (long) progress.variants().length * Math.max(1, count);
    int stride = (int) Math.max(1, (points + POINTS_PER_MESSAGE - 1) / POINTS_PER_MESSAGE);
    List<Integer> kept = new ArrayList<>();
    for (int j = count - 1; j >= 0; j -= stride) {
      kept.add(0, j);
    }
    long[] steps = new long[kept.size()];
    double[][] losses = new double[progress.variants().length][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      steps[i] = progress.fromStep() + kept.get(i);
      for (int k = 0; k < progress.variants().length; k++) {
        losses[k][i] = progress.losses()[k][kept.get(i)];
      }
    }
    return new Progress(
        "sweep-progress",
        id,
        progress.seq(),
        progress.seq(),
        System.currentTimeMillis(),
        steps,
        progress.variants(),
        losses);
  }

  @Override
  FeedBatch drain() {
    if (firstSeq < 0) {
      return null;
    }
    FeedBatch batch =
        new FeedBatch(
            List.copyOf(pending), List.copyOf(pendingStates), 0, 0, 0, firstSeq, lastSeq, null);
    pending.clear();
    pendingStates.clear();
    firstSeq = -1;
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
