package io.downhill.session;

import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.training.TrainerState;
import io.downhill.numerics.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored points of a session's current run (since its creation, last reset or new spec), read
 * from its journal: the trainer's state at each checkpoint, after every input at that step. Steps
 * are deterministic between two points, so a replay that starts at one point and takes each later
 * point's state when it reaches its step (to pick up the inputs made there) gives back every step
 * exactly. Pure: no tensors, no actors.
 */
public final class Trajectory {
  private Trajectory() {}

  /**
   * A point to replay from: the spec, the trainer's state after every input at its step, and the
   * training points edited by hand (null while they are the spec's).
   */
  public record Anchor(TrainingSpec spec, TrainerState trainer, Dataset points) {
    public long step() {
      return trainer.step();
    }
  }

  /** The points of the current run, in step order, one per step (the last state at it). */
  public static List<Anchor> currentRun(List<SessionJournalEvent> journal) {
    SessionRecord record = SessionRecord.EMPTY;
    List<Anchor> anchors = new ArrayList<>();
    for (SessionJournalEvent event : journal) {
      record = record.apply(event);
      if (record.spec() == null || event instanceof SessionJournalEvent.Deleted) {
        continue;
      }
      boolean startsOver =
          event instanceof SessionJournalEvent.Created
              || event instanceof SessionJournalEvent.ResetDone
              || event instanceof SessionJournalEvent.Reconfigured;
      if (startsOver) {
        anchors.clear();
      }
      Anchor anchor = new Anchor(record.spec(), record.trainer(), record.points());
      if (!anchors.isEmpty() && anchors.get(anchors.size() - 1).step() == anchor.step()) {
        anchors.set(anchors.size() - 1, anchor);
      } else {
        anchors.add(anchor);
      }
    }
    return anchors;
  }

  /** The index of the last point at or before {@code step} (-1 for none). */
  public static int lastAtOrBefore(List<Anchor> anchors, long step) {
    int found = -1;
    for (int i = 0; i < anchors.size(); i++) {
      if (anchors.get(i).step() <= step) {
        found = i;
      }
    }
    return found;
  }
}
