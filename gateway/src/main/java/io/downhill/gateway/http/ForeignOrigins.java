package io.downhill.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses REST calls made by pages of other origins with 403, as the WebSocket handshake is: a
 * browser attaches the page's Origin to every cross-site request, so a page elsewhere cannot drive
 * or read a session through a visitor's browser. Programs send no Origin and pass.
 */
public final class ForeignOrigins implements Handler<RoutingContext> {
  private final OriginPolicy policy;

  public ForeignOrigins(OriginPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (policy.permits(ctx.request().getHeader("Origin"), RequestHost.of(ctx.request()))) {
      ctx.next();
      return;
    }
    Replies.json(ctx, 403, new ErrorView("requests from this origin are refused", "Origin"));
  }
}
