package io.downhill.gateway.connection;

import io.vertx.core.http.HttpConnection;
import java.util.List;

/**
 * Counts every HTTP connection from its start to its close; one over a {@link ConnectionLimits}
 * limit is closed at once, before any request on it is read. Used on the gateway's one event loop.
 */
public final class ConnectionGuard {
  private final ConnectionLimits limits;

  public ConnectionGuard(ConnectionSettings settings, List<String> trustedProxies) {
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
    connection.closeHandler(ignored -> limits.release(address));
  }
}
