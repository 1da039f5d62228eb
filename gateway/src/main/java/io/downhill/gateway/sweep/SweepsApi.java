package io.downhill.gateway.sweep;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.Bearer;
import io.downhill.gateway.http.ClientAddress;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.http.PageQuery;
import io.downhill.gateway.http.Quotas;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.RequestBody;
import io.downhill.gateway.session.SpecParser;
import io.downhill.session.SessionSettings;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepState;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** The REST endpoints under {@code /api/sweeps}. */
public final class SweepsApi {
  private final SessionClient client;
  private final SweepParser parser;
  private final Quotas quotas;
  private final SweepPages pages;

  public SweepsApi(SessionClient client, SessionSettings settings, int maxVariants, Quotas quotas) {
    this.quotas = quotas;
    this.pages = new SweepPages(AnswerBudget.from(client.system().settings().config()));
    this.client = client;
    this.parser =
        new SweepParser(new SpecParser(settings.limits()), maxVariants, settings.maxRunSteps());
  }

  public void mount(Router router) {
    router.post("/api/sweeps").handler(this::create);
    router.get("/api/sweeps/:id").handler(this::state);
    router.get("/api/sweeps/:id/variants/:k").handler(this::variant);
    router.get("/api/sweeps/:id/export").handler(this::export);
    router.post("/api/sweeps/:id/run").handler(ctx -> drive(ctx, Sweep.Run::new));
    router.post("/api/sweeps/:id/pause").handler(ctx -> drive(ctx, Sweep.Pause::new));
    router.post("/api/sweeps/:id/reset").handler(ctx -> drive(ctx, Sweep.Reset::new));
    router.delete("/api/sweeps/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    Future<SweepView> answer;
    try {
      SweepParser.Parsed parsed = parser.parse(JsonInput.parse(body(ctx)));
      String address = ClientAddress.of(ctx, quotas.settings().trustedProxies());
      quotas.admit(address, Quotas.Kind.SWEEP);
      answer =
          client
              .createSweep(parsed.spec(), ctx.vertx().getOrCreateContext())
              .onSuccess(created -> quotas.made(address, Quotas.Kind.SWEEP, created.id()))
              .compose(
                  created ->
                      parsed.start()
                          ? client
                              .sweepCommand(
                                  created.id(),
                                  r -> new Sweep.Run(created.token(), r),
                                  ctx.vertx().getOrCreateContext())
                              .map(state -> pages.first(state, created.token()))
                          : Future.succeededFuture(pages.first(created.state(), created.token())));
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    answer
        .onSuccess(view -> Replies.json(ctx, 201, view))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void state(RoutingContext ctx) {
    PageQuery query;
    try {
      query = PageQuery.parse(ctx, 0);
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    client
        .sweepCommand(ctx.pathParam("id"), Sweep.GetState::new, context(ctx))
        .onSuccess(
            state -> Replies.json(ctx, 200, pages.page(state, null, query.from(), query.limit())))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void variant(RoutingContext ctx) {
    int k;
    try {
      k = Integer.parseInt(ctx.pathParam("k"));
    } catch (NumberFormatException e) {
      Replies.error(ctx, ApiError.badRequest("k", "must be a variant's index"));
      return;
    }
    client
        .sweepCommand(ctx.pathParam("id"), Sweep.GetState::new, context(ctx))
        .map(
            state -> {
              if (k < 0 || k >= state.variants().size()) {
                throw new ApiError(404, "k", "no variant " + k);
              }
              return SweepView.variant(state.variants().get(k));
            })
        .onSuccess(view -> Replies.json(ctx, 200, view))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void export(RoutingContext ctx) {
    String format =
        ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
    if (!format.equals("json") && !format.equals("csv")) {
      Replies.error(ctx, ApiError.badRequest("format", "must be csv or json"));
      return;
    }
    client
        .sweepCurves(ctx.pathParam("id"), context(ctx))
        .onSuccess(
            curves -> {
              String name = "downhill-sweep-" + curves.state().id() + "." + format;
              ctx.response()
                  .putHeader("content-disposition", "attachment; filename=\"" + name + "\"");
              if (format.equals("csv")) {
                ctx.response()
                    .putHeader("content-type", "text/csv; charset=utf-8")
                    .end(SweepExport.csv(curves));
              } else {
                Replies.json(ctx, 200, SweepExport.json(curves));
              }
            })
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void drive(
      RoutingContext ctx,
      BiFunction<String, ActorRef<StatusReply<SweepState>>, Sweep.Command> command) {
    String token;
    try {
      token = Bearer.token(ctx);
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    client
        .sweepCommand(ctx.pathParam("id"), r -> command.apply(token, r), context(ctx))
        .onSuccess(state -> Replies.json(ctx, 200, pages.first(state, null)))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void delete(RoutingContext ctx) {
    String token;
    try {
      token = Bearer.token(ctx);
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    client
        .deleteSweep(ctx.pathParam("id"), token, context(ctx))
        .onSuccess(
            done -> {
              quotas.gone(ctx.pathParam("id"));
              ctx.response().setStatusCode(204).end();
            })
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private static io.vertx.core.Context context(RoutingContext ctx) {
    return ctx.vertx().getOrCreateContext();
  }

  private static String body(RoutingContext ctx) {
    return RequestBody.text(ctx);
  }
}
