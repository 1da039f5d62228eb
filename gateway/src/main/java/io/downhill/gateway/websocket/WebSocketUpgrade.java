package io.downhill.gateway.websocket;

import io.downhill.gateway.http.ClientAddress;
import io.downhill.gateway.http.ConnectionGuard;
import io.downhill.gateway.http.ErrorView;
import io.downhill.gateway.http.OriginPolicy;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.RequestHost;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The handshake at {@code GET /ws}: refuses a foreign {@code Origin} (403) and a connection past
 * the server's or the client address's limit of open WebSockets (429), then hands the socket to the
 * endpoint, pinged by the heartbeat. One per server, on the endpoint's event loop.
 */
public final class WebSocketUpgrade implements Handler<RoutingContext> {
  private final WebSocketEndpoint endpoint;
  private final OriginPolicy origins;
  private final int maxWebSockets;
  private final List<String> trustedProxies;
  private final ConnectionGuard connections;
  private final Heartbeat heartbeat;
  private int handshakes;

  public WebSocketUpgrade(
      WebSocketEndpoint endpoint,
      OriginPolicy origins,
      int maxWebSockets,
      List<String> trustedProxies,
      ConnectionGuard connections,
      Heartbeat heartbeat) {
    this.endpoint = endpoint;
    this.origins = origins;
    this.maxWebSockets = maxWebSockets;
    this.trustedProxies = trustedProxies;
    this.connections = connections;
    this.heartbeat = heartbeat;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!origins.permits(ctx.request().getHeader("Origin"), RequestHost.of(ctx.request()))) {
      Replies.json(ctx, 403, new ErrorView("this origin may not open the WebSocket", "Origin"));
      return;
    }
    // Handshakes under way count too, so a burst of them cannot overshoot.
    if (endpoint.clientCount() + handshakes >= maxWebSockets) {
      Replies.json(
          ctx,
          429,
          new ErrorView("at most " + maxWebSockets + " open WebSockets on this server", null));
      return;
    }
    // Behind a trusted proxy (nginx in front of a cluster) the client is named by X-Forwarded-For.
    String address = ClientAddress.of(ctx, trustedProxies);
    if (!endpoint.quota().reserve(address)) {
      Replies.json(
          ctx,
          429,
          new ErrorView(
              "at most " + endpoint.quota().limit() + " open WebSockets per address", null));
      return;
    }
    HttpConnection connection = ctx.request().connection();
    handshakes++;
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              handshakes--;
              connections.upgraded(connection);
              heartbeat.keep(socket);
              endpoint.accept(socket, connection, address);
            })
        .onFailure(
            failure -> {
              handshakes--;
              endpoint.quota().release(address);
              Replies.json(ctx, 400, new ErrorView("not a WebSocket handshake", null));
            });
  }
}
