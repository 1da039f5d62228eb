package io.downhill.gateway.guard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * The headers every answer carries, pages and API alike: a Content-Security-Policy that lets a page
 * load scripts, styles, images and connections from its own server only (the pages have no inline
 * script or style, so none is allowed), no framing by anyone, no MIME sniffing, and no referrer.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  /** Mounts the headers on every route; call before any other route is added. */
  public static void mount(Router router) {
    router
        .route()
        .handler(
            CSPHandler.create()
                .setDirective("default-src", "'self'")
                .setDirective("connect-src", "'self'")
                .setDirective("img-src", "'self' data:")
                .setDirective("object-src", "'none'")
                .setDirective("base-uri", "'none'")
                .setDirective("form-action", "'self'")
                // A meta tag cannot say this; only the header keeps the pages out of frames.
                .setDirective("frame-ancestors", "'none'"));
    router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
    router
        .route()
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer");
              ctx.next();
            });
  }
}
