package io.downhill.gateway.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.gateway.session.SessionView;
import io.downhill.gateway.session.StepView;
import java.util.List;

/**
 * The messages the server sends over the WebSocket. Each frame is {@code {"frame": n, "messages":
 * [...]}}, {@code n} counting the frames of one connection from 1; each message has a {@code type}.
 * Session messages carry the session's event sequence number {@code seq}, so a gap shows.
 */
public final class StreamMessages {
  private StreamMessages() {}

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

  /** The answer to a client's command; {@code requestId} echoes the command's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reply(String type, Object requestId, String command, Object result) {
    public Reply(Object requestId, String command, Object result) {
      this("reply", requestId, command, result);
    }
  }

  /** A refused command or message, with the HTTP-like status and the field at fault. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Error(String type, Object requestId, int status, String error, String field) {
    public Error(Object requestId, int status, String error, String field) {
      this("error", requestId, status, error, field);
    }
  }
}
