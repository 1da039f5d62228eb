package io.downhill.gateway.connection;

import com.typesafe.config.Config;
import io.vertx.core.http.HttpServerOptions;

/**
 * How many connections the server holds, read once from {@code downhill.gateway}. Fixed at start.
 *
 * @param maxConnections open HTTP connections (WebSockets included) the server holds in total
 * @param maxConnectionsPerAddress open connections one client address may hold
 * @param maxWebSockets open WebSockets the server holds in total
 */
public record ConnectionSettings(
    int maxConnections, int maxConnectionsPerAddress, int maxWebSockets) {

  /** Refuses, naming the setting, a limit under 1. */
  public static ConnectionSettings from(Config config) {
    Config c = config.getConfig("downhill.gateway");
    return new ConnectionSettings(
        atLeastOne(c, "max-connections"),
        atLeastOne(c, "max-connections-per-address"),
        atLeastOne(c, "max-websockets"));
  }

  private static int atLeastOne(Config c, String name) {
    int value = c.getInt(name);
    if (value < 1) {
      throw new IllegalArgumentException(
          "downhill.gateway." + name + " must be at least 1, not " + value);
    }
    return value;
  }

  /**
   * h2c off: with it on, Vert.x makes the HTTP/1.1 connection only once the first request's headers
   * have arrived, too late for the limits; browsers never speak h2c.
   */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setHttp2ClearTextEnabled(false);
  }
}
