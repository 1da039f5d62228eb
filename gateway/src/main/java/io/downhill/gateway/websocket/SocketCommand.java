package io.downhill.gateway.websocket;

import io.downhill.gateway.http.JsonInput;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Set;

/**
 * A command a WebSocket client sends by its {@code type} ({@code "step"}, {@code "pause"}, …), as
 * its feature offers it to the endpoint. The endpoint checks the message names no other field, the
 * feature parses it and asks, and the endpoint writes the answer as a {@code reply} or an {@code
 * error}.
 *
 * @param fields the fields the message may hold besides {@code type} and {@code requestId}
 * @param ask parses the message and asks; may throw an {@code ApiError} for bad input
 */
public record SocketCommand(Set<String> fields, Ask ask) {

  /** Parses a command's message and asks the entity; the answer is written as it is. */
  @FunctionalInterface
  public interface Ask {
    Future<?> ask(JsonInput message, Context context);
  }
}
