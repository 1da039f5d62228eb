package io.downhill.gateway.session;

import java.util.List;

/**
 * The messages a watched session sends over the WebSocket, each with its {@code type}. They carry
 * the session's event sequence number {@code seq}, so a gap shows.
 */
public final class SessionMessages {
  private SessionMessages() {}

  /**
   * Consecutive steps of one session, covering its events {@code firstSeq..seq}; {@code at} is when
   * the last of them was made (epoch milliseconds), for measuring step-to-screen latency.
   */
  public record Steps(
      String type, String session, long firstSeq, long seq, double at, List<StepView> steps) {
    public Steps(String session, long firstSeq, long seq, double at, List<StepView> steps) {
      this("steps", session, firstSeq, seq, at, steps);
    }
  }

  /** The session's state after a change (a run ended, the rate changed, …). */
  public record State(String type, String session, long seq, String change, SessionView state) {
    public State(String session, long seq, String change, SessionView state) {
      this("state", session, seq, change, state);
    }
  }

  /**
   * Steps this client did not receive because it fell behind: how many, their range, and the last
   * of them. The latest state follows in the same frame.
   */
  public record Skipped(
      String type,
      String session,
      long firstSeq,
      long seq,
      long count,
      long fromStep,
      long toStep,
      StepView last) {
    public Skipped(
        String session,
        long firstSeq,
        long seq,
        long count,
        long fromStep,
        long toStep,
        StepView last) {
      this("skipped", session, firstSeq, seq, count, fromStep, toStep, last);
    }
  }
}
