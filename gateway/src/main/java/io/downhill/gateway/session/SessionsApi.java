package io.downhill.gateway.session;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.Bearer;
import io.downhill.gateway.http.ClientAddress;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.http.Quotas;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.RequestBody;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import io.downhill.session.Snapshot;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The REST endpoints under {@code /api/sessions}. Each handler parses its input (refusing bad input
 * before anything changes), asks the session through {@link SessionClient}, and writes the answer;
 * the numerics stay in the actors.
 */
public final class SessionsApi {
  private final SessionClient client;
  private final SpecParser specParser;
  private final SessionSettings settings;
  private final Quotas quotas;
  private final HistoryPages historyPages;
  private final StepsAnswer stepsAnswer;

  public SessionsApi(SessionClient client, SessionSettings settings, Quotas quotas) {
    this.quotas = quotas;
    this.client = client;
    this.settings = settings;
    this.specParser = new SpecParser(settings.limits());
    AnswerBudget budget = AnswerBudget.from(client.system().settings().config());
    this.historyPages = new HistoryPages(client, budget);
    this.stepsAnswer = new StepsAnswer(budget);
  }

  /** A validated body for one session command. */
  private record SessionCommand(String id, String token, JsonInput body) {}

  public void mount(Router router) {
    router.post("/api/sessions").handler(this::create);
    router.get("/api/sessions/:id").handler(this::state);
    router.get("/api/sessions/:id/data").handler(this::data);
    router.get("/api/sessions/:id/history").handler(historyPages::serve);
    router.get("/api/sessions/:id/at/:step").handler(this::at);
    router.post("/api/sessions/:id/evaluate").handler(this::evaluate);
    router.post("/api/sessions/:id/steps").handler(this::steps);
    router.post("/api/sessions/:id/run").handler(this::run);
    router.post("/api/sessions/:id/pause").handler(this::pause);
    router.post("/api/sessions/:id/reset").handler(this::reset);
    router.post("/api/sessions/:id/restart").handler(this::restart);
    router.put("/api/sessions/:id/lr").handler(this::learningRate);
    router.put("/api/sessions/:id/params").handler(this::params);
    router.put("/api/sessions/:id/accumulate").handler(this::accumulate);
    router.post("/api/sessions/:id/data/points").handler(this::addPoint);
    router.put("/api/sessions/:id/data/points/:index").handler(this::movePoint);
    router.delete("/api/sessions/:id/data/points/:index").handler(this::removePoint);
    router.post("/api/sessions/:id/data/restore").handler(this::restorePoints);
    router.delete("/api/sessions/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    Replies.respond(
        ctx,
        201,
        () -> {
          TrainingSpec spec = specParser.parse(body(ctx));
          String address = ClientAddress.of(ctx, quotas.settings().trustedProxies());
          quotas.admit(address, Quotas.Kind.SESSION);
          return client
              .create(spec, ctx.vertx().getOrCreateContext())
              .map(
                  created -> {
                    quotas.made(address, Quotas.Kind.SESSION, created.id());
                    return SessionView.of(created.snapshot(), created.token());
                  });
        });
  }

  private void state(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () ->
            client
                .state(ctx.pathParam("id"), ctx.vertx().getOrCreateContext())
                .map(SessionView::of));
  }

  private void data(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> client.data(ctx.pathParam("id"), ctx.vertx().getOrCreateContext()).map(DataView::of));
  }

  private void at(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          long step;
          try {
            step = Long.parseLong(ctx.pathParam("step"));
          } catch (NumberFormatException e) {
            throw ApiError.badRequest("step", "must be a whole number");
          }
          return client
              .at(ctx.pathParam("id"), step, ctx.vertx().getOrCreateContext())
              .map(StepView::of);
        });
  }

  /**
   * The training points (as edited by hand), and the held-out ones when the session holds some out.
   */
  public record DataView(
      double[] x,
      double[] y,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          Curve validation) {

    static DataView of(Session.Data data) {
      Curve heldOut =
          data.validationX().length == 0 ? null : new Curve(data.validationX(), data.validationY());
      return new DataView(data.x(), data.y(), heldOut);
    }
  }

  /**
   * The answer to an evaluation: the loss, its gradient at those parameters (what {@code
   * loss.backward()} puts in a zeroed gradient) and the model's curve to draw.
   */
  public record EvaluationView(double loss, double[] params, double[] grad, Curve curve) {

    public static EvaluationView of(Session.Evaluation e, double[] params) {
      return new EvaluationView(e.loss(), params, e.grad(), new Curve(e.curveX(), e.curveY()));
    }
  }

  /** A curve as parallel arrays. */
  public record Curve(double[] x, double[] y) {}

  private void evaluate(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          JsonInput body = body(ctx).allowOnly(Set.of("params"));
          double[] params = body.requiredNumbers("params", 1024);
          return client
              .evaluate(ctx.pathParam("id"), params, ctx.vertx().getOrCreateContext())
              .map(e -> EvaluationView.of(e, params));
        });
  }

  private void steps(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          SessionCommand command = command(ctx, Set.of("count"));
          int count = (int) command.body().requiredInteger("count", 1, settings.maxStepRequest());
          return client
              .step(command.id(), command.token(), count, ctx.vertx().getOrCreateContext())
              .map(stepsAnswer::of);
        });
  }

  private void run(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("count", "stepsPerSecond"),
        (c, replyTo) ->
            new Session.Run(
                c.token(),
                c.body().requiredInteger("count", 1, settings.maxRunSteps()),
                c.body().number("stepsPerSecond", 0),
                replyTo));
  }

  private void pause(RoutingContext ctx) {
    owner(ctx, Set.of(), (c, replyTo) -> new Session.Pause(c.token(), replyTo));
  }

  private void reset(RoutingContext ctx) {
    owner(ctx, Set.of(), (c, replyTo) -> new Session.Reset(c.token(), replyTo));
  }

  /** A fresh start from the given parameters, which a reset then returns to. */
  private void restart(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("params"),
        (c, replyTo) ->
            new Session.Restart(c.token(), c.body().requiredNumbers("params", 1024), replyTo));
  }

  private void learningRate(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("lr"),
        (c, replyTo) ->
            new Session.SetLearningRate(c.token(), c.body().requiredNumber("lr"), replyTo));
  }

  private void params(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("params"),
        (c, replyTo) ->
            new Session.SetParams(c.token(), c.body().requiredNumbers("params", 1024), replyTo));
  }

  private void accumulate(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("accumulateGradients"),
        (c, replyTo) -> {
          if (!c.body().has("accumulateGradients")) {
            throw ApiError.badRequest("accumulateGradients", "is required");
          }
          return new Session.SetAccumulateGradients(
              c.token(), c.body().bool("accumulateGradients", false), replyTo);
        });
  }

  /** Adds a training point by hand; the answer is the state, its loss on the new points. */
  private void addPoint(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("x", "y"),
        (c, replyTo) ->
            new Session.AddPoint(
                c.token(), c.body().requiredNumber("x"), c.body().requiredNumber("y"), replyTo));
  }

  private void movePoint(RoutingContext ctx) {
    owner(
        ctx,
        Set.of("x", "y"),
        (c, replyTo) ->
            new Session.MovePoint(
                c.token(),
                pointIndex(ctx),
                c.body().requiredNumber("x"),
                c.body().requiredNumber("y"),
                replyTo));
  }

  private void removePoint(RoutingContext ctx) {
    owner(
        ctx,
        Set.of(),
        (c, replyTo) -> new Session.RemovePoint(c.token(), pointIndex(ctx), replyTo));
  }

  /** Puts the spec's own training points back, undoing every hand edit. */
  private void restorePoints(RoutingContext ctx) {
    owner(ctx, Set.of(), (c, replyTo) -> new Session.RestorePoints(c.token(), replyTo));
  }

  /** The point's index in the path: a whole number in ASCII digits (its range is the session's). */
  private static int pointIndex(RoutingContext ctx) {
    String text = ctx.pathParam("index");
    if (text == null
        || text.isEmpty()
        || text.length() > 9
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw ApiError.badRequest("index", "must be a whole number of at least 0");
    }
    return Integer.parseInt(text);
  }

  private void delete(RoutingContext ctx) {
    try {
      SessionCommand command = new SessionCommand(ctx.pathParam("id"), Bearer.token(ctx), null);
      client
          .delete(command.id(), command.token(), ctx.vertx().getOrCreateContext())
          .onSuccess(
              done -> {
                quotas.gone(command.id());
                ctx.response().setStatusCode(204).end();
              })
          .onFailure(failure -> Replies.error(ctx, failure));
    } catch (ApiError error) {
      Replies.error(ctx, error);
    }
  }

  /** Sends a state-changing command to the session the token owns; answers with its state. */
  /**
   * An owner's command that answers with the session's state. The message is made once before the
   * ask, so bad input is refused (400 naming the field) before anything changes.
   */
  private void owner(
      RoutingContext ctx,
      Set<String> fields,
      java.util.function.BiFunction<
              SessionCommand, ActorRef<StatusReply<Snapshot>>, Session.Command>
          make) {
    Replies.respond(
        ctx,
        200,
        () -> {
          SessionCommand command = command(ctx, fields);
          make.apply(command, null);
          return drive(ctx, command, replyTo -> make.apply(command, replyTo));
        });
  }

  private Future<SessionView> drive(
      RoutingContext ctx,
      SessionCommand command,
      Function<ActorRef<StatusReply<Snapshot>>, Session.Command> message) {
    return client
        .command(command.id(), message, ctx.vertx().getOrCreateContext())
        .map(SessionView::of);
  }

  private SessionCommand command(RoutingContext ctx, Set<String> fields) {
    String token = Bearer.token(ctx);
    JsonInput body = fields.isEmpty() && isEmptyBody(ctx) ? JsonInput.empty() : body(ctx);
    body.allowOnly(fields);
    return new SessionCommand(ctx.pathParam("id"), token, body);
  }

  private static boolean isEmptyBody(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().length() <= 0;
  }

  private static JsonInput body(RoutingContext ctx) {
    return JsonInput.parse(RequestBody.text(ctx));
  }
}
