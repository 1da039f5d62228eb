package io.downhill.gateway.workshop;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.Bearer;
import io.downhill.gateway.http.ClientAddress;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.http.Quotas;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.RequestBody;
import io.downhill.gateway.session.SessionView;
import io.downhill.gateway.session.SpecParser;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.SessionSettings;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopState;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The REST endpoints under {@code /api/workshops}: the instructor's controls (each needs the
 * instructor token), joining with a code (wrong codes are throttled per address), and a
 * participant's fork (with their own token).
 */
public final class WorkshopsApi {
  private final SessionClient client;
  private final SpecParser specs;
  private final JoinThrottle throttle;
  private final Quotas quotas;

  public WorkshopsApi(
      SessionClient client, SessionSettings settings, int wrongCodesPerMinute, Quotas quotas) {
    this.quotas = quotas;
    this.client = client;
    this.specs = new SpecParser(settings.limits());
    this.throttle = new JoinThrottle(wrongCodesPerMinute);
  }

  public void mount(Router router) {
    router.post("/api/workshops").handler(this::create);
    router.post("/api/workshops/join").handler(this::join);
    router.get("/api/workshops/:id").handler(this::state);
    router.post("/api/workshops/:id/spotlight").handler(this::spotlight);
    router.post("/api/workshops/:id/open").handler(this::open);
    router.post("/api/workshops/:id/scenario").handler(this::scenario);
    router
        .post("/api/workshops/:id/pause-all")
        .handler(ctx -> instructor(ctx, Set.of(), (t, b, r) -> new Workshop.PauseAll(t, r)));
    router.post("/api/workshops/:id/code").handler(this::code);
    router.post("/api/workshops/:id/fork").handler(this::fork);
    router
        .post("/api/workshops/:id/extend")
        .handler(
            ctx ->
                instructor(
                    ctx,
                    Set.of("hours"),
                    (t, b, r) ->
                        new Workshop.Extend(
                            t, Duration.ofHours(b.requiredInteger("hours", 1, 168)), r)));
    router
        .delete("/api/workshops/:id/participants/:participant")
        .handler(
            ctx ->
                instructor(
                    ctx,
                    Set.of(),
                    (t, b, r) ->
                        new Workshop.RemoveParticipant(t, ctx.pathParam("participant"), r)));
    router
        .delete("/api/workshops/:id")
        .handler(
            ctx -> {
              // A closed workshop no longer counts toward its creator's quota.
              ctx.addBodyEndHandler(
                  ended -> {
                    if (ctx.response().getStatusCode() == 200) {
                      quotas.gone(ctx.pathParam("id"));
                    }
                  });
              instructor(ctx, Set.of(), (t, b, r) -> new Workshop.Close(t, r));
            });
  }

  /** The answer to a join: the participant's session, and the token that drives it. */
  public record JoinedView(String workshop, String participant, String session, String token) {}

  private void create(RoutingContext ctx) {
    Replies.respond(
        ctx,
        201,
        () -> {
          JsonInput body = body(ctx).allowOnly(Set.of("title", "scenario", "openSteps"));
          String title = body.text("title", "Gradient descent, step by step");
          if (title.isBlank() || title.length() > 80) {
            throw ApiError.badRequest("title", "must be 1 to 80 characters");
          }
          JsonInput scenarioJson = body.object("scenario");
          TrainingSpec scenario =
              specs.parse(scenarioJson == null ? JsonInput.empty() : scenarioJson);
          int openSteps = (int) body.integer("openSteps", 1, 4, 1);
          String address = ClientAddress.of(ctx, quotas.settings().trustedProxies());
          quotas.admit(address, Quotas.Kind.WORKSHOP);
          return client
              .openWorkshop(title, scenario, openSteps, context(ctx))
              .map(
                  opened -> {
                    quotas.made(address, Quotas.Kind.WORKSHOP, opened.id());
                    return WorkshopView.of(opened.state(), true, opened.instructorToken());
                  });
        });
  }

  private void join(RoutingContext ctx) {
    String address =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    Replies.respond(
        ctx,
        200,
        () -> {
          JsonInput body = body(ctx).allowOnly(Set.of("code", "name", "workshop", "rejoinToken"));
          String rejoin = body.text("rejoinToken", null);
          String workshop = body.text("workshop", null);
          String code = body.text("code", null);
          if (rejoin != null && workshop == null) {
            throw ApiError.badRequest("workshop", "is required with rejoinToken");
          }
          if (rejoin == null && code == null) {
            throw ApiError.badRequest("code", "is required");
          }
          String name = body.text("name", "");
          // Every request that tries a code spends a try, given back only if the code was right;
          // a rejoin without a code guesses nothing (its token is unguessable) and costs none.
          boolean triesCode = code != null;
          if (triesCode && !throttle.tryTake(address, System.nanoTime())) {
            throw new ApiError(429, "code", "too many wrong join codes; wait a minute");
          }
          return client
              .joinWorkshop(code, workshop, name, rejoin, context(ctx))
              .map(j -> new JoinedView(j.workshopId(), j.participantId(), j.session(), j.token()))
              .onComplete(
                  result -> {
                    if (triesCode && (result.succeeded() || !isWrongCode(result.cause()))) {
                      throttle.giveBack(address, System.nanoTime());
                    }
                  });
        });
  }

  /** A refusal on the code itself; anything else (a bad name, a full room) proves it right. */
  private static boolean isWrongCode(Throwable failure) {
    return !(failure instanceof ApiError error)
        || (error.status() == 404 && "code".equals(error.field()))
        || error.status() >= 500;
  }

  private void state(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    Replies.respond(
        ctx,
        200,
        () ->
            client
                .workshopState(ctx.pathParam("id"), token, context(ctx))
                .map(seen -> WorkshopView.of(seen.state(), seen.instructor(), null)));
  }

  private void spotlight(RoutingContext ctx) {
    instructor(
        ctx,
        Set.of("session"),
        (token, body, replyTo) ->
            new Workshop.Spotlight(token, body.text("session", null), replyTo));
  }

  private void open(RoutingContext ctx) {
    instructor(
        ctx,
        Set.of("steps"),
        (token, body, replyTo) ->
            new Workshop.OpenSteps(token, (int) body.requiredInteger("steps", 1, 4), replyTo));
  }

  private void scenario(RoutingContext ctx) {
    instructor(
        ctx,
        Set.of("scenario"),
        (token, body, replyTo) -> {
          JsonInput scenario = body.object("scenario");
          if (scenario == null) {
            throw ApiError.badRequest("scenario", "is required");
          }
          TrainingSpec spec = specs.parse(scenario);
          var errors = spec.validate(specs.limits());
          if (!errors.isEmpty()) {
            throw ApiError.badRequest("scenario." + errors.get(0).field(), errors.get(0).message());
          }
          return new Workshop.PushScenario(token, spec, replyTo);
        });
  }

  private void code(RoutingContext ctx) {
    instructor(
        ctx,
        Set.of("renew"),
        (token, body, replyTo) ->
            new Workshop.ChangeCode(token, body.bool("renew", true), replyTo));
  }

  private void fork(RoutingContext ctx) {
    Replies.respond(
        ctx,
        200,
        () -> {
          String token = Bearer.token(ctx);
          return client.fork(ctx.pathParam("id"), token, context(ctx)).map(SessionView::of);
        });
  }

  /** Makes an instructor's command from the token, the request body and the reply address. */
  @FunctionalInterface
  private interface InstructorCommand {
    Workshop.Command make(
        String token, JsonInput body, ActorRef<StatusReply<WorkshopState>> replyTo);
  }

  /** A command that needs the instructor token; answers with the workshop as they see it. */
  private void instructor(RoutingContext ctx, Set<String> fields, InstructorCommand command) {
    Replies.respond(
        ctx,
        200,
        () -> {
          String token = Bearer.token(ctx);
          JsonInput body =
              ctx.body() == null || ctx.body().length() <= 0 ? JsonInput.empty() : body(ctx);
          body.allowOnly(fields);
          Function<ActorRef<StatusReply<WorkshopState>>, Workshop.Command> message =
              replyTo -> command.make(token, body, replyTo);
          // Parse before asking, so bad input is refused before anything changes.
          message.apply(null);
          return client
              .workshopCommand(ctx.pathParam("id"), message, context(ctx))
              .map(state -> WorkshopView.of(state, true, null));
        });
  }

  private static Context context(RoutingContext ctx) {
    return ctx.vertx().getOrCreateContext();
  }

  private static JsonInput body(RoutingContext ctx) {
    return JsonInput.parse(RequestBody.text(ctx));
  }
}
