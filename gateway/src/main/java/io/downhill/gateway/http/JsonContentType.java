package io.downhill.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a request body that is not declared as JSON with 415. A browser page may send a "simple"
 * cross-site POST (text/plain, form encodings) without asking first; requiring {@code
 * application/json} makes every such request need a CORS preflight, which this server never grants.
 */
public final class JsonContentType implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    if (!hasBody(ctx.request()) || isJson(ctx.request().getHeader("Content-Type"))) {
      ctx.next();
      return;
    }
    Replies.json(
        ctx,
        415,
        new ErrorView(
            "a request body must be JSON, sent as Content-Type: application/json", "Content-Type"));
  }

  /** Whether the request announces a body; checked before reading it, so none is read in vain. */
  static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null
        || (length != null && !length.strip().equals("0"));
  }

  /** Whether the header names JSON; parameters such as {@code charset=utf-8} are allowed. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }
}
