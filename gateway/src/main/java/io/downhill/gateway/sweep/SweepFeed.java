package io.downhill.gateway.sweep;

import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.websocket.Feed;
import io.downhill.gateway.websocket.FeedBatch;
import io.downhill.sweep.SweepEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A watched sweep. Its progress is thinned before it is sent, so one message holds at most about
 * {@link #POINTS_PER_MESSAGE} losses however many variants the sweep has (more variants than that
 * are split over several messages): a browser draws curves of a thousand variants from a sample of
 * their steps, and the last step is always included. Each state goes out whole but in parts ({@link
 * SweepStateMessages}); a client that fell behind gets the latest one, not the ones it missed.
 */
public final class SweepFeed extends Feed {
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

  private final List<String> pending = new ArrayList<>();
  private long firstSeq = -1;
  private long lastSeq;
  private List<String> latestState = List.of();
  private boolean stopped;

  public SweepFeed(String id) {
    super(id);
  }

  public void accept(SweepEvent event) {
    if (firstSeq < 0) {
      firstSeq = event.seq();
    }
    lastSeq = event.seq();
    if (event instanceof SweepEvent.Progress progress) {
      for (int from = 0;
          from < Math.max(1, progress.variants().length);
          from += POINTS_PER_MESSAGE) {
        pending.add(WireJson.encode(thin(progress, from)));
      }
    } else if (event instanceof SweepEvent.StateChanged changed) {
      latestState =
          SweepStateMessages.encode(
              id, changed.seq(), changed.change().wireName(), changed.state());
      pending.addAll(latestState);
      stopped |= changed.change() == SweepEvent.Change.STOPPED;
    }
  }

  /** The variants from position {@code first} on, at most {@link #POINTS_PER_MESSAGE} of them. */
  private Progress thin(SweepEvent.Progress progress, int first) {
    int[] variants =
        java.util.Arrays.copyOfRange(
            progress.variants(),
            first,
            Math.min(progress.variants().length, first + POINTS_PER_MESSAGE));
    int count = progress.losses().length == 0 ? 0 : progress.losses()[0].length;
    long points = (long) variants.length * Math.max(1, count);
    int stride = (int) Math.max(1, (points + POINTS_PER_MESSAGE - 1) / POINTS_PER_MESSAGE);
    List<Integer> kept = new ArrayList<>();
    for (int j = count - 1; j >= 0; j -= stride) {
      kept.add(0, j);
    }
    long[] steps = new long[kept.size()];
    double[][] losses = new double[variants.length][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      steps[i] = progress.fromStep() + kept.get(i);
      for (int k = 0; k < variants.length; k++) {
        losses[k][i] = progress.losses()[first + k][kept.get(i)];
      }
    }
    return new Progress(
        "sweep-progress",
        id,
        progress.seq(),
        progress.seq(),
        System.currentTimeMillis(),
        steps,
        variants,
        losses);
  }

  @Override
  protected FeedBatch drain() {
    if (firstSeq < 0) {
      return null;
    }
    FeedBatch batch = new FeedBatch(List.copyOf(pending), List.of(), 0, 0, 0, firstSeq, lastSeq);
    pending.clear();
    firstSeq = -1;
    return batch;
  }

  @Override
  protected String latestState() {
    return latestState.isEmpty() ? null : latestState.get(0);
  }

  @Override
  protected List<String> latestMessages() {
    return latestState;
  }

  @Override
  protected boolean stopped() {
    return stopped;
  }
}
