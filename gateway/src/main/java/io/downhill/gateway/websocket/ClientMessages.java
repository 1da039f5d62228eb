package io.downhill.gateway.websocket;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.JsonInput;
import io.vertx.core.Context;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Takes each text message a client sends: parses it, holds it to the connection's rate and
 * in-flight limits, and hands it on by its {@code type} — {@code subscribe} and {@code unsubscribe}
 * to the {@link Subscriptions}, every other type to the feature's {@link SocketCommand}. One per
 * endpoint.
 */
final class ClientMessages {
  private final Subscriptions subscriptions;
  private final Map<String, SocketCommand> commands;
  private final Answers answers;
  private final Context context;

  ClientMessages(
      Subscriptions subscriptions,
      Map<String, SocketCommand> commands,
      Answers answers,
      Context context) {
    this.subscriptions = subscriptions;
    this.commands = Map.copyOf(commands);
    this.answers = answers;
    this.context = context;
  }

  void onMessage(ClientConnection connection, String text) {
    Object requestId = null;
    try {
      JsonInput message = JsonInput.parse(text);
      requestId = message.requestId("requestId");
      if (!connection.rate().tryAcquire()) {
        throw new ApiError(
            429, null, "more than " + connection.rate().perSecond() + " commands per second");
      }
      connection.inFlight.admit();
      dispatch(connection, message, requestId);
    } catch (ApiError error) {
      answers.refuse(connection, requestId, error);
    }
  }

  private void dispatch(ClientConnection connection, JsonInput message, Object requestId) {
    String type = message.requiredText("type");
    if ("subscribe".equals(type)) {
      subscriptions.subscribe(connection, message, requestId);
      return;
    }
    if ("unsubscribe".equals(type)) {
      subscriptions.unsubscribe(connection, message, requestId);
      return;
    }
    SocketCommand command = commands.get(type);
    if (command == null) {
      throw ApiError.badRequest("type", "unknown message type '" + type + "'");
    }
    Set<String> allowed = new HashSet<>(command.fields());
    allowed.add("type");
    allowed.add("requestId");
    message.allowOnly(allowed);
    answers.answer(connection, requestId, type, command.ask().ask(message, context));
  }
}
