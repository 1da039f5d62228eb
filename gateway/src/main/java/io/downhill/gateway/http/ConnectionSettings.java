package io.downhill.gateway.http;

import com.typesafe.config.Config;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How many connections the server holds and how long it waits on each, read once from {@code
 * downhill.gateway}. Fixed at start.
 *
 * @param maxConnections open HTTP connections (WebSockets included) the server holds in total
 * @param maxConnectionsPerAddress open connections one client address may hold
 * @param maxWebSockets open WebSockets the server holds in total
 * @param idleTimeout how long a connection may send and receive nothing before it is closed
 * @param headerDeadline how long a request's headers may take to arrive, counted from the
 *     connection's start or the end of its previous answer
 * @param bodyDeadline how long a request's body may take to arrive, counted from its headers
 */
public record ConnectionSettings(
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxWebSockets,
    Duration idleTimeout,
    Duration headerDeadline,
    Duration bodyDeadline) {

  /** Refuses, naming the setting, a limit under 1 and a time that is not positive. */
  public static ConnectionSettings from(Config config) {
    Config c = config.getConfig("downhill.gateway");
    return new ConnectionSettings(
        atLeastOne(c, "max-connections"),
        atLeastOne(c, "max-connections-per-address"),
        atLeastOne(c, "max-websockets"),
        positive(c, "idle-timeout"),
        positive(c, "header-deadline"),
        positive(c, "body-deadline"));
  }

  private static int atLeastOne(Config c, String name) {
    int value = c.getInt(name);
    if (value < 1) {
      throw new IllegalArgumentException(
          "downhill.gateway." + name + " must be at least 1, not " + value);
    }
    return value;
  }

  private static Duration positive(Config c, String name) {
    Duration value = c.getDuration(name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "downhill.gateway." + name + " must be longer than 0, not " + value);
    }
    return value;
  }

  /**
   * The idle timeout, and the TLS handshake held to the header deadline (a connection that never
   * finishes its handshake is not yet an HTTP connection, so no deadline of ours sees it). h2c is
   * off: with it on, Vert.x makes the HTTP/1.1 connection only once the first request's headers
   * have arrived, too late for the limits and the header deadline; browsers never speak h2c.
   */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options
        .setIdleTimeout((int) idleTimeout.toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setSslHandshakeTimeout(headerDeadline.toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setHttp2ClearTextEnabled(false);
  }
}
