package io.downhill.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON answers and errors. No stack trace or exception text reaches a client. */
public final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(WireJson.buffer(body));
  }

  /**
   * Runs a handler's body and answers with its result; a refusal, thrown while parsing or failed
   * later, becomes a JSON error.
   */
  public static void respond(
      RoutingContext ctx, int status, java.util.function.Supplier<Future<?>> body) {
    Future<?> answer;
    try {
      answer = body.get();
    } catch (ApiError error) {
      error(ctx, error);
      return;
    }
    answer.onSuccess(value -> json(ctx, status, value)).onFailure(failure -> error(ctx, failure));
  }

  public static void error(RoutingContext ctx, Throwable failure) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (failure instanceof ApiError error) {
      if (error.retryAfterSeconds() > 0) {
        response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
      }
      json(ctx, error.status(), new ErrorView(error.getMessage(), error.field()));
      return;
    }
    // The method and path only: request bodies and headers may hold tokens.
    LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    json(ctx, 500, new ErrorView("internal error; the server log has the details", null));
  }

  /** For failures Vert.x raises itself (body too large, no route) with a status only. */
  public static void status(RoutingContext ctx) {
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    if (ctx.failure() != null && !(ctx.failure() instanceof ApiError) && status == 500) {
      error(ctx, ctx.failure());
      return;
    }
    if (ctx.failure() instanceof ApiError error) {
      error(ctx, error);
      return;
    }
    String message =
        switch (status) {
          case 404 -> "no such endpoint";
          case 405 -> "method not allowed on this endpoint";
          case 413 -> "the request body is too large";
          case 415 -> "the request body must be JSON";
          default -> "the request could not be served";
        };
    json(ctx, status, new ErrorView(message, status == 413 ? "body" : null));
  }
}
