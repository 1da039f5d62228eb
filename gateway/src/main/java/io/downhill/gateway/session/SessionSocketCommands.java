package io.downhill.gateway.session;

import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.websocket.SocketCommand;
import io.downhill.gateway.websocket.WebSocketEndpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session commands a WebSocket client may send, by {@code type}: each reads the session's id
 * and token from the message and hands the rest to {@link SessionCommands}, as REST does. A step's
 * answer is bounded to fit one frame.
 */
public final class SessionSocketCommands {
  private final SessionCommands commands;
  private final StepsAnswer stepsAnswer;

  public SessionSocketCommands(SessionCommands commands, AnswerBudget budget) {
    this.commands = commands;
    this.stepsAnswer = new StepsAnswer(budget.atMost(WebSocketEndpoint.maxValuesPerReply()));
  }

  /** An owner's command as a message carries it. */
  @FunctionalInterface
  private interface OwnerCommand {
    Future<?> ask(String id, String token, JsonInput message, Context context);
  }

  /** Every command, by the {@code type} a message names it with. */
  public Map<String, SocketCommand> all() {
    Map<String, SocketCommand> all = new LinkedHashMap<>();
    all.put(
        "state",
        new SocketCommand(
            Set.of("session"), (m, c) -> commands.state(m.requiredText("session"), c)));
    all.put(
        "evaluate",
        new SocketCommand(
            with(SessionCommands.EVALUATE, "session"),
            (m, c) -> commands.evaluate(m.requiredText("session"), m, c)));
    all.put(
        "step",
        owner(
            SessionCommands.STEP,
            (id, token, m, c) -> commands.step(id, token, m, c).map(stepsAnswer::of)));
    all.put("run", owner(SessionCommands.RUN, commands::run));
    all.put(
        "pause",
        owner(SessionCommands.NO_FIELDS, (id, token, m, c) -> commands.pause(id, token, c)));
    all.put(
        "reset",
        owner(SessionCommands.NO_FIELDS, (id, token, m, c) -> commands.reset(id, token, c)));
    all.put("lr", owner(SessionCommands.LEARNING_RATE, commands::learningRate));
    all.put("params", owner(SessionCommands.PARAMS, commands::params));
    all.put("accumulate", owner(SessionCommands.ACCUMULATE, commands::accumulate));
    return all;
  }

  private static SocketCommand owner(Set<String> fields, OwnerCommand command) {
    return new SocketCommand(
        with(fields, "session", "token"),
        (m, c) -> command.ask(m.requiredText("session"), m.requiredText("token"), m, c));
  }

  private static Set<String> with(Set<String> fields, String... more) {
    Set<String> all = new HashSet<>(fields);
    all.addAll(List.of(more));
    return all;
  }
}
