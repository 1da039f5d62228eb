package io.downhill.gateway.websocket;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;

/**
 * Pings every WebSocket at a steady interval, so the idle timeout never closes one whose page only
 * listens (to a paused session, say): a browser answers each ping with a pong by itself. Each
 * socket's timer ends with the socket. A socket whose queue is full gets no ping; the slow-client
 * timeout is in charge of it.
 */
public final class Heartbeat {
  private static final Buffer EMPTY = Buffer.buffer();

  private final Vertx vertx;
  private final long intervalMillis;

  /** Pings every {@code interval}; a third of the idle timeout leaves room for a late timer. */
  public Heartbeat(Vertx vertx, Duration interval) {
    this.vertx = vertx;
    this.intervalMillis = Math.max(1, interval.toMillis());
  }

  /** Pings {@code socket} until it closes. */
  public void keep(ServerWebSocket socket) {
    vertx.setPeriodic(
        intervalMillis,
        id -> {
          if (socket.isClosed()) {
            vertx.cancelTimer(id);
          } else if (!socket.writeQueueFull()) {
            socket.writePing(EMPTY);
          }
        });
  }
}
