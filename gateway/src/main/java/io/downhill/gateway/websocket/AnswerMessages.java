package io.downhill.gateway.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The messages that answer a client's own message over the WebSocket: its reply, or why it was
 * refused. Each echoes the message's {@code requestId}.
 */
public final class AnswerMessages {
  private AnswerMessages() {}

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
