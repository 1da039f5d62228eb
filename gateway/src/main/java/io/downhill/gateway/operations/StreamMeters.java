package io.downhill.gateway.operations;

import io.downhill.gateway.websocket.StreamCounters;
import io.downhill.gateway.websocket.WebSocketEndpoint;

/** The WebSocket side's meters: clients, feeds, lagging subscriptions, frames and refusals. */
public final class StreamMeters {
  private StreamMeters() {}

  public static void register(Meters meters, WebSocketEndpoint webSockets) {
    meters.gauge(
        "downhill.websocket.clients", "Connected WebSocket clients", webSockets::clientCount);
    meters.gauge(
        "downhill.feeds",
        "Sessions, sweeps and workshops watched from this node",
        webSockets::feedCount);
    meters.gauge(
        "downhill.subscriptions.lagging",
        "Subscriptions of clients that fell behind and wait for a catch-up",
        webSockets::laggingSessionCount);
    StreamCounters counters = webSockets.counters();
    counters.onRefusal(status -> meters.refusal("websocket", status));
    meters.counter(
        "downhill.frames.sent", "WebSocket frames sent", counters, StreamCounters::framesSent);
    meters.counter(
        "downhill.catchups",
        "Catch-up frames sent to clients that fell behind",
        counters,
        StreamCounters::catchUps);
    meters.counter(
        "downhill.slow.clients.closed",
        "Clients closed for staying behind",
        counters,
        StreamCounters::slowClientsClosed);
  }

  /**
   * The router's handler that counts every HTTP refusal by status, whoever answers it (a guard, an
   * API, Vert.x itself).
   */
  public static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> httpRefusals(Meters meters) {
    return ctx -> {
      ctx.addHeadersEndHandler(
          ignored -> {
            int status = ctx.response().getStatusCode();
            if (status >= 400) {
              meters.refusal("http", status);
            }
          });
      ctx.next();
    };
  }
}
