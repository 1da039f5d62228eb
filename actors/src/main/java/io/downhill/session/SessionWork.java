package io.downhill.session;

import io.downhill.numerics.training.StepRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * One run or step request under way in a session: how many steps are left, its pace, and (for a
 * step request) the steps made so far and whom to answer. Lives in memory only; a run is also
 * recorded in the journal, so a restart resumes it.
 */
final class SessionWork {
  final long id;
  long remaining;
  final double stepsPerSecond;

  /** Set when a paced run starts; null at full speed. */
  Pacer pacer;

  final List<StepRecord> collected;
  final ActorRef<StatusReply<Session.Stepped>> stepReplyTo;

  SessionWork(
      long id,
      long remaining,
      double stepsPerSecond,
      ActorRef<StatusReply<Session.Stepped>> stepReplyTo) {
    this.id = id;
    this.remaining = remaining;
    this.stepsPerSecond = stepsPerSecond;
    this.stepReplyTo = stepReplyTo;
    this.collected = stepReplyTo == null ? null : new ArrayList<>();
  }

  /** Starts the pace's clock. */
  void startPacing(long nowNanos, long maxBurstNanos) {
    pacer = new Pacer(stepsPerSecond, maxBurstNanos, nowNanos);
  }

  void collect(List<StepRecord> chunk) {
    if (collected != null) {
      collected.addAll(chunk);
    }
  }
}
