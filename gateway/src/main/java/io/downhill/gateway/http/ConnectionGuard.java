package io.downhill.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches every HTTP connection from its start to its close. One over a {@link ConnectionLimits}
 * limit is closed at once. Then each request's headers must have arrived within the header deadline
 * of the connection's start (or of the end of its previous answer), and a body within the body
 * deadline of its headers; otherwise the connection is closed.
 *
 * <p>Why deadlines as well as the idle timeout: every byte resets the idle timeout, so a client
 * sending one header byte a second (slowloris), or a body a byte at a time, would hold a connection
 * and its memory forever, and a few hundred such clients every connection. A deadline counts from a
 * fixed moment instead. A connection that becomes a WebSocket leaves this watch; the idle timeout
 * and the WebSocket's heartbeat look after it from then on. Used on the gateway's one event loop.
 */
public final class ConnectionGuard {
  private final Vertx vertx;
  private final ConnectionSettings settings;
  private final ConnectionLimits limits;
  private final Map<HttpConnection, Watch> watched = new HashMap<>();

  public ConnectionGuard(Vertx vertx, ConnectionSettings settings, List<String> trustedProxies) {
    this.vertx = vertx;
    this.settings = settings;
    this.limits =
        new ConnectionLimits(
            settings.maxConnections(), settings.maxConnectionsPerAddress(), trustedProxies);
  }

  /** For {@code HttpServer.connectionHandler}: a new connection, before any request is read. */
  public void onConnection(HttpConnection connection) {
    String address =
        connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    if (!limits.admit(address)) {
      connection.close();
      return;
    }
    Watch watch = new Watch(connection, address);
    watched.put(connection, watch);
    connection.closeHandler(ignored -> watch.closed());
    watch.awaitHeaders();
  }

  /** The router's first handler: a request's headers are in. */
  public void onRequest(RoutingContext ctx) {
    Watch watch = watched.get(ctx.request().connection());
    if (watch != null) {
      watch.headersIn(ctx.request());
      ctx.addEndHandler(ignored -> watch.answered());
    }
    ctx.next();
  }

  /** The connection now carries a WebSocket, which no HTTP deadline applies to. */
  public void upgraded(HttpConnection connection) {
    Watch watch = watched.get(connection);
    if (watch != null) {
      watch.upgraded = true;
      watch.cancelTimers();
    }
  }

  /** One connection's deadlines. */
  private final class Watch {
    private final HttpConnection connection;
    private final String address;
    private long headerTimer = -1;
    private long bodyTimer = -1;
    private boolean upgraded;
    private boolean closed;

    /** Requests whose answers have not ended: no header deadline runs while one streams. */
    private int answering;

    Watch(HttpConnection connection, String address) {
      this.connection = connection;
      this.address = address;
    }

    /** Starts the header deadline: at the start, and after each answer. */
    void awaitHeaders() {
      cancelTimers();
      if (closed || upgraded) {
        return;
      }
      headerTimer =
          vertx.setTimer(
              settings.headerDeadline().toMillis(),
              id -> {
                headerTimer = -1;
                connection.close();
              });
    }

    void headersIn(HttpServerRequest request) {
      cancelTimers();
      answering++;
      if (!hasBody(request)) {
        return;
      }
      bodyTimer =
          vertx.setTimer(
              settings.bodyDeadline().toMillis(),
              id -> {
                bodyTimer = -1;
                if (!request.isEnded()) {
                  connection.close();
                }
              });
    }

    /**
     * An answer has gone (or the request failed). The next request's headers are awaited once no
     * answer is under way: an end that is reported after the next request already came in (a client
     * that sends at once) must not start the deadline on that request's long answer.
     */
    void answered() {
      answering = Math.max(0, answering - 1);
      if (answering == 0) {
        awaitHeaders();
      }
    }

    void closed() {
      closed = true;
      cancelTimers();
      watched.remove(connection);
      limits.release(address);
    }

    void cancelTimers() {
      if (headerTimer >= 0) {
        vertx.cancelTimer(headerTimer);
        headerTimer = -1;
      }
      if (bodyTimer >= 0) {
        vertx.cancelTimer(bodyTimer);
        bodyTimer = -1;
      }
    }
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return (length != null && !length.strip().equals("0"))
        || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }
}
