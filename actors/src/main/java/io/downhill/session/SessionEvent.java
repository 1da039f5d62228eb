package io.downhill.session;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.StepRecord;
import io.downhill.watch.ChangeKind;
import java.util.List;

/**
 * What a session publishes to its subscribers. Every published event has the next sequence number
 * of its session, so a subscriber sees a gap as a jump in {@code seq}.
 */
public sealed interface SessionEvent extends DownhillSerializable {
  String sessionId();

  long seq();

  /**
   * A batch of consecutive steps, in order (one per chunk of work, never empty).
   *
   * @param madeAtMillis wall-clock time the last of the steps was made, in epoch milliseconds
   */
  record Stepped(String sessionId, long seq, List<StepRecord> steps, double madeAtMillis)
      implements SessionEvent {}

  /** The session's state after something other than stepping changed it. */
  record StateChanged(String sessionId, long seq, Change change, Snapshot snapshot)
      implements SessionEvent {}

  /** Why the state changed. */
  enum Change implements ChangeKind {
    /** Sent to a new subscriber alone, with the state as it is. */
    SUBSCRIBED,
    PARAMS_SET,
    RESET,
    LEARNING_RATE_SET,
    ACCUMULATION_SET,
    RUN_STARTED,
    RUN_PAUSED,
    RUN_FINISHED,
    DIVERGED,
    /** The session was given a new spec (a new scenario, or a fork). */
    RECONFIGURED,
    /** The owner started over from new parameters: step 0, a new start that reset returns to. */
    RESTARTED,
    /**
     * The owner added, moved or removed a training point: the loss is the one on the new points,
     * and the next step trains on them. Watchers read the points again.
     */
    DATA_EDITED,
    /**
     * The session came back from its journal (after a restart, a crash, a failure or a move to
     * another node); sent to a subscriber whose renewal it did not know.
     */
    RECOVERED,
    /** The session failed too often to restart again; the snapshot says why. */
    FAILED,
    /** The session stopped; no event follows. */
    STOPPED
  }
}
