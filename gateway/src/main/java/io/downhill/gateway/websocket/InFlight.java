package io.downhill.gateway.websocket;

import io.downhill.gateway.http.ApiError;
import io.vertx.core.Future;

/**
 * The commands of one WebSocket connection whose answers are still on their way. A client may send
 * its 50 commands a second, but never have more than a few waiting on entities at once: a
 * connection that asks faster than the entities answer is refused, not queued. Used on the
 * connection's event loop only.
 */
final class InFlight {
  private final int limit;
  private int waiting;

  InFlight(int limit) {
    this.limit = limit;
  }

  /** Throws a 429 when the connection already waits for {@code limit} answers. */
  void admit() {
    if (waiting >= limit) {
      throw new ApiError(
          429, null, "at most " + limit + " commands in flight per connection; await the answers");
    }
  }

  /** Counts {@code answer} until it completes. */
  <T> Future<T> track(Future<T> answer) {
    waiting++;
    return answer.andThen(done -> waiting--);
  }

  int waiting() {
    return waiting;
  }
}
