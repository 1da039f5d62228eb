package io.downhill.gateway.websocket;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.WireJson;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the answers to a client's own messages — a {@code reply} or an {@code error}, each echoing
 * the message's {@code requestId} — ahead of the next flush. One per endpoint.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  private final StreamCounters counters;

  Answers(StreamCounters counters) {
    this.counters = counters;
  }

  /** Writes {@code result}'s value once it comes, or why it failed; counts it as in flight. */
  void answer(ClientConnection connection, Object requestId, String type, Future<?> result) {
    connection
        .inFlight
        .track(result)
        .onSuccess(value -> reply(connection, requestId, type, value))
        .onFailure(failure -> refuse(connection, requestId, failure));
  }

  void reply(ClientConnection connection, Object requestId, String type, Object result) {
    connection.send(WireJson.encode(new AnswerMessages.Reply(requestId, type, result)));
  }

  void refuse(ClientConnection connection, Object requestId, Throwable failure) {
    ApiError error = failure instanceof ApiError e ? e : new ApiError(500, null, "internal error");
    if (!(failure instanceof ApiError)) {
      LOG.error("unexpected failure on a websocket command", failure);
    }
    counters.refused(error.status());
    // Over the WebSocket the token travels in the message's "token" field, not a header.
    String field = "Authorization".equals(error.field()) ? "token" : error.field();
    connection.send(
        WireJson.encode(
            new AnswerMessages.Error(requestId, error.status(), error.getMessage(), field)));
  }
}
