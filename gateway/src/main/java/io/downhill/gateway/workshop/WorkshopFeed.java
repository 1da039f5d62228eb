package io.downhill.gateway.workshop;

import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.websocket.Feed;
import io.downhill.gateway.websocket.FeedBatch;
import io.downhill.workshop.WorkshopEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A watched workshop, as the instructor sees it or as participants do: two feeds per workshop, so
 * that the code and the list of participants reach the instructor alone.
 */
public final class WorkshopFeed extends Feed {
  /** A workshop's state after a change. */
  record State(String type, String workshop, long seq, String change, WorkshopView state) {}

  private final boolean instructor;
  private final List<String> pending = new ArrayList<>();
  private long firstSeq = -1;
  private long lastSeq;
  private String latestState;
  private boolean stopped;

  public WorkshopFeed(String key, boolean instructor) {
    super(key);
    this.instructor = instructor;
  }

  /** The key a workshop's feed has among the gateway's feeds. */
  public static String key(String workshopId, boolean instructor) {
    return instructor ? workshopId + "#instructor" : workshopId + "#room";
  }

  public void accept(WorkshopEvent event) {
    if (firstSeq < 0) {
      firstSeq = event.seq();
    }
    lastSeq = event.seq();
    String state =
        WireJson.encode(
            new State(
                "workshop-state",
                event.workshopId(),
                event.seq(),
                event.change().wireName(),
                WorkshopView.of(event.state(), instructor, null)));
    pending.add(state);
    latestState = state;
    stopped |= event.change() == WorkshopEvent.Change.CLOSED;
  }

  @Override
  protected FeedBatch drain() {
    if (firstSeq < 0) {
      return null;
    }
    FeedBatch batch =
        new FeedBatch(List.copyOf(pending), List.copyOf(pending), 0, 0, 0, firstSeq, lastSeq);
    pending.clear();
    firstSeq = -1;
    return batch;
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
