package io.downhill.gateway.session;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.JsonInput;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import io.downhill.session.Snapshot;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The session commands, in one place for both transports: each parses its body — refusing bad
 * input, naming the field, before anything is sent — and asks the session once through {@link
 * SessionClient}. {@link SessionsApi} (REST) and {@link SessionSocketCommands} (WebSocket) only
 * adapt: where the id, the token and the body come from, and how the answer is written. One per
 * server.
 */
public final class SessionCommands {
  /** The body fields each command takes (REST bodies; WebSocket messages add theirs). */
  public static final Set<String> EVALUATE = Set.of("params");

  public static final Set<String> STEP = Set.of("count");
  public static final Set<String> RUN = Set.of("count", "stepsPerSecond");
  public static final Set<String> NO_FIELDS = Set.of();
  public static final Set<String> LEARNING_RATE = Set.of("lr");
  public static final Set<String> PARAMS = Set.of("params");
  public static final Set<String> ACCUMULATE = Set.of("accumulateGradients");
  public static final Set<String> POINT = Set.of("x", "y");

  private static final int MAX_PARAMS = 1024;

  private final SessionClient client;
  private final SessionSettings settings;

  public SessionCommands(SessionClient client, SessionSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  public Future<SessionView> state(String id, Context context) {
    return client.state(id, context).map(SessionView::of);
  }

  /** The loss and gradient at {@code params}, without a step. */
  public Future<EvaluationView> evaluate(String id, JsonInput body, Context context) {
    double[] params = body.requiredNumbers("params", MAX_PARAMS);
    return client.evaluate(id, params, context).map(e -> EvaluationView.of(e, params));
  }

  /** {@code count} steps now; the answer is the steps themselves, which each transport bounds. */
  public Future<Session.Stepped> step(String id, String token, JsonInput body, Context context) {
    int count = (int) body.requiredInteger("count", 1, settings.maxStepRequest());
    return client.step(id, token, count, context);
  }

  public Future<SessionView> run(String id, String token, JsonInput body, Context context) {
    long count = body.requiredInteger("count", 1, settings.maxRunSteps());
    double pace = body.number("stepsPerSecond", 0);
    return drive(id, r -> new Session.Run(token, count, pace, r), context);
  }

  public Future<SessionView> pause(String id, String token, Context context) {
    return drive(id, r -> new Session.Pause(token, r), context);
  }

  public Future<SessionView> reset(String id, String token, Context context) {
    return drive(id, r -> new Session.Reset(token, r), context);
  }

  /** A fresh start from the given parameters, which a reset then returns to. */
  public Future<SessionView> restart(String id, String token, JsonInput body, Context context) {
    double[] params = body.requiredNumbers("params", MAX_PARAMS);
    return drive(id, r -> new Session.Restart(token, params, r), context);
  }

  public Future<SessionView> learningRate(
      String id, String token, JsonInput body, Context context) {
    double lr = body.requiredNumber("lr");
    return drive(id, r -> new Session.SetLearningRate(token, lr, r), context);
  }

  public Future<SessionView> params(String id, String token, JsonInput body, Context context) {
    double[] params = body.requiredNumbers("params", MAX_PARAMS);
    return drive(id, r -> new Session.SetParams(token, params, r), context);
  }

  public Future<SessionView> accumulate(String id, String token, JsonInput body, Context context) {
    if (!body.has("accumulateGradients")) {
      throw ApiError.badRequest("accumulateGradients", "is required");
    }
    boolean on = body.bool("accumulateGradients", false);
    return drive(id, r -> new Session.SetAccumulateGradients(token, on, r), context);
  }

  /** Adds a training point by hand; the answer is the state, its loss on the new points. */
  public Future<SessionView> addPoint(String id, String token, JsonInput body, Context context) {
    double x = body.requiredNumber("x");
    double y = body.requiredNumber("y");
    return drive(id, r -> new Session.AddPoint(token, x, y, r), context);
  }

  public Future<SessionView> movePoint(
      String id, String token, int index, JsonInput body, Context context) {
    double x = body.requiredNumber("x");
    double y = body.requiredNumber("y");
    return drive(id, r -> new Session.MovePoint(token, index, x, y, r), context);
  }

  public Future<SessionView> removePoint(String id, String token, int index, Context context) {
    return drive(id, r -> new Session.RemovePoint(token, index, r), context);
  }

  /** Puts the spec's own training points back, undoing every hand edit. */
  public Future<SessionView> restorePoints(String id, String token, Context context) {
    return drive(id, r -> new Session.RestorePoints(token, r), context);
  }

  /** The one ask of an owner's command; the session checks the token and answers its state. */
  private Future<SessionView> drive(
      String id,
      Function<ActorRef<StatusReply<Snapshot>>, Session.Command> message,
      Context context) {
    return client.command(id, message, context).map(SessionView::of);
  }
}
