package io.downhill.gateway.join;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.Bearer;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.RequestHost;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * How a room finds the server: {@code GET /api/server/addresses} lists where participants can reach
 * it, and {@code GET /api/workshops/{id}/qr.svg?base=…} draws the QR code of the join page on one
 * of them, with the join code in its fragment (so it needs the instructor token).
 */
public final class JoinApi {
  /** The page participants open. */
  public static final String JOIN_PATH = "/workshop/join.html";

  private final SessionClient client;
  private final JoinAddresses addresses;
  private final IntSupplier port;

  public JoinApi(SessionClient client, JoinAddresses addresses, IntSupplier port) {
    this.client = client;
    this.addresses = addresses;
    this.port = port;
  }

  public void mount(Router router) {
    router.get("/api/server/addresses").handler(this::addresses);
    router.get("/api/workshops/:id/qr.svg").handler(this::qr);
  }

  private void addresses(RoutingContext ctx) {
    List<String> urls = addresses.urls(port.getAsInt());
    String source = addresses.source(urls).name().toLowerCase(Locale.ROOT).replace('_', '-');
    Replies.json(ctx, 200, new AddressesView(source, urls, JOIN_PATH));
  }

  private void qr(RoutingContext ctx) {
    String base;
    String token;
    try {
      token = Bearer.token(ctx);
      base = allowedBase(ctx, ctx.queryParams().get("base"));
    } catch (ApiError error) {
      Replies.error(ctx, error);
      return;
    }
    client
        .workshopState(ctx.pathParam("id"), token, ctx.vertx().getOrCreateContext())
        .onSuccess(
            seen -> {
              if (!seen.instructor()) {
                Replies.error(
                    ctx, new ApiError(403, "Authorization", "only the instructor may draw it"));
                return;
              }
              String code = seen.state().code();
              String text = base + JOIN_PATH + (code == null ? "" : "#code=" + code);
              ctx.response()
                  .putHeader("content-type", "image/svg+xml; charset=utf-8")
                  .putHeader("cache-control", "no-store")
                  .end(QrSvg.of(text));
            })
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  /**
   * The origin to draw: one of the offered addresses, or the one this request came to (the page's
   * own, whatever scheme a proxy in front speaks). Anything else would make this server draw codes
   * that lead elsewhere.
   */
  private String allowedBase(RoutingContext ctx, String requested) {
    if (requested == null || requested.isBlank()) {
      throw ApiError.badRequest("base", "is required: one of GET /api/server/addresses");
    }
    String base;
    try {
      base = PublicUrl.parse(requested, "base");
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("base", "must be an address of GET /api/server/addresses");
    }
    if (addresses.urls(port.getAsInt()).contains(base)) {
      return base;
    }
    String own = RequestHost.of(ctx.request());
    String authority = base.substring(base.indexOf("://") + 3);
    if (own != null && own.toLowerCase(Locale.ROOT).equals(authority)) {
      return base;
    }
    throw ApiError.badRequest("base", "must be an address of GET /api/server/addresses");
  }
}
