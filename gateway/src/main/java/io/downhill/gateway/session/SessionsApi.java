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
import io.downhill.session.SessionSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The REST endpoints under {@code /api/sessions}. The commands a session takes go through {@link
 * SessionCommands}, as the WebSocket's do; a handler here only reads the id, the bearer token and
 * the body from the request and writes the answer. Creating, reading and deleting a session are
 * REST alone.
 */
public final class SessionsApi {
  private final SessionClient client;
  private final SessionCommands commands;
  private final SpecParser specParser;
  private final Quotas quotas;
  private final HistoryPages historyPages;
  private final StepsAnswer stepsAnswer;

  public SessionsApi(
      SessionClient client, SessionCommands commands, SessionSettings settings, Quotas quotas) {
    this.client = client;
    this.commands = commands;
    this.quotas = quotas;
    this.specParser = new SpecParser(settings.limits());
    AnswerBudget budget = AnswerBudget.from(client.system().settings().config());
    this.historyPages = new HistoryPages(client, budget);
    this.stepsAnswer = new StepsAnswer(budget);
  }

  /** An owner's command as the request carries it: the path's id, the bearer token, the body. */
  private record OwnerRequest(String id, String token, JsonInput body, Context context) {}

  /** Answers an owner's command with the session's state. */
  @FunctionalInterface
  private interface OwnerCommand {
    Future<SessionView> ask(OwnerRequest request);
  }

  public void mount(Router router) {
    router.post("/api/sessions").handler(this::create);
    router.get("/api/sessions/:id").handler(this::state);
    router.get("/api/sessions/:id/data").handler(this::data);
    router.get("/api/sessions/:id/history").handler(historyPages::serve);
    router.get("/api/sessions/:id/at/:step").handler(this::at);
    router.post("/api/sessions/:id/evaluate").handler(this::evaluate);
    router.post("/api/sessions/:id/steps").handler(this::steps);
    router.post("/api/sessions/:id/run").handler(owner(SessionCommands.RUN, this::run));
    router.post("/api/sessions/:id/pause").handler(owner(SessionCommands.NO_FIELDS, this::pause));
    router.post("/api/sessions/:id/reset").handler(owner(SessionCommands.NO_FIELDS, this::reset));
    router.post("/api/sessions/:id/restart").handler(owner(SessionCommands.PARAMS, this::restart));
    router
        .put("/api/sessions/:id/lr")
        .handler(owner(SessionCommands.LEARNING_RATE, this::learningRate));
    router.put("/api/sessions/:id/params").handler(owner(SessionCommands.PARAMS, this::params));
    router
        .put("/api/sessions/:id/accumulate")
        .handler(owner(SessionCommands.ACCUMULATE, this::accumulate));
    router
        .post("/api/sessions/:id/data/points")
        .handler(owner(SessionCommands.POINT, this::addPoint));
    router.put("/api/sessions/:id/data/points/:index").handler(this::movePoint);
    router.delete("/api/sessions/:id/data/points/:index").handler(this::removePoint);
    router
        .post("/api/sessions/:id/data/restore")
        .handler(owner(SessionCommands.NO_FIELDS, this::restorePoints));
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
              .create(spec, context(ctx))
              .map(
                  created -> {
                    quotas.made(address, Quotas.Kind.SESSION, created.id());
                    return SessionView.of(created.snapshot(), created.token());
                  });
        });
  }

  private void state(RoutingContext ctx) {
    Replies.respond(ctx, 200, () -> commands.state(ctx.pathParam("id"), context(ctx)));
  }

  private void data(RoutingContext ctx) {
    Replies.respond(
        ctx, 200, () -> client.data(ctx.pathParam("id"), context(ctx)).map(DataView::of));
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
          return client.at(ctx.pathParam("id"), step, context(ctx)).map(StepView::of);
        });
  }

  private void evaluate(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () ->
            commands.evaluate(
                ctx.pathParam("id"), body(ctx).allowOnly(SessionCommands.EVALUATE), context(ctx)));
  }

  /** The one ask of a Step click: {@link SessionCommands#step}, bounded by the answer budget. */
  private void steps(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          OwnerRequest request = request(ctx, SessionCommands.STEP);
          return commands
              .step(request.id(), request.token(), request.body(), request.context())
              .map(stepsAnswer::of);
        });
  }

  private Future<SessionView> run(OwnerRequest r) {
    return commands.run(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> pause(OwnerRequest r) {
    return commands.pause(r.id(), r.token(), r.context());
  }

  private Future<SessionView> reset(OwnerRequest r) {
    return commands.reset(r.id(), r.token(), r.context());
  }

  private Future<SessionView> restart(OwnerRequest r) {
    return commands.restart(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> learningRate(OwnerRequest r) {
    return commands.learningRate(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> params(OwnerRequest r) {
    return commands.params(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> accumulate(OwnerRequest r) {
    return commands.accumulate(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> addPoint(OwnerRequest r) {
    return commands.addPoint(r.id(), r.token(), r.body(), r.context());
  }

  private Future<SessionView> restorePoints(OwnerRequest r) {
    return commands.restorePoints(r.id(), r.token(), r.context());
  }

  private void movePoint(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          OwnerRequest r = request(ctx, SessionCommands.POINT);
          return commands.movePoint(r.id(), r.token(), pointIndex(ctx), r.body(), r.context());
        });
  }

  private void removePoint(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          OwnerRequest r = request(ctx, SessionCommands.NO_FIELDS);
          return commands.removePoint(r.id(), r.token(), pointIndex(ctx), r.context());
        });
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
      String id = ctx.pathParam("id");
      client
          .delete(id, Bearer.token(ctx), context(ctx))
          .onSuccess(
              done -> {
                quotas.gone(id);
                ctx.response().setStatusCode(204).end();
              })
          .onFailure(failure -> Replies.error(ctx, failure));
    } catch (ApiError error) {
      Replies.error(ctx, error);
    }
  }

  /** A handler for an owner's command that answers with the session's state. */
  private Handler<RoutingContext> owner(Set<String> fields, OwnerCommand command) {
    return ctx -> Replies.respond(ctx, 200, () -> command.ask(request(ctx, fields)));
  }

  /** Reads an owner's request: the bearer token first, then a body holding only {@code fields}. */
  private static OwnerRequest request(RoutingContext ctx, Set<String> fields) {
    String token = Bearer.token(ctx);
    JsonInput body = fields.isEmpty() && isEmptyBody(ctx) ? JsonInput.empty() : body(ctx);
    body.allowOnly(fields);
    return new OwnerRequest(ctx.pathParam("id"), token, body, context(ctx));
  }

  private static Context context(RoutingContext ctx) {
    return ctx.vertx().getOrCreateContext();
  }

  private static boolean isEmptyBody(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().length() <= 0;
  }

  private static JsonInput body(RoutingContext ctx) {
    return JsonInput.parse(RequestBody.text(ctx));
  }
}
