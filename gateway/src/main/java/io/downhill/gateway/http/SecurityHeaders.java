package io.downhill.gateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * The headers every answer carries, pages and API alike: a Content-Security-Policy that lets a page
 * load scripts, styles, images and connections from its own server only (the pages have no inline
 * script or style, so none is allowed), no framing by anyone, no MIME sniffing, and no referrer.
 * Served over TLS, they also tell the browser to come back over HTTPS only, for a year.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  /**
   * Mounts the headers on every route; call before any other route is added. {@code tls}: the
   * server speaks HTTPS itself (over plain HTTP a browser ignores Strict-Transport-Security).
   */
  public static void mount(Router router, boolean tls) {
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
              if (tls) {
                ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
              }
              ctx.next();
            });
  }
}
