package io.downhill.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * The host a request is addressed to, as a Host header writes it. HTTP/2 (Java's HttpClient
 * upgrades to it with h2c) carries it in {@code :authority} and has no Host header.
 */
public final class RequestHost {
  private RequestHost() {}

  /** {@code host[:port]}, or null when the request names none. */
  public static String of(HttpServerRequest request) {
    String header = request.getHeader("Host");
    if (header != null) {
      return header;
    }
    HostAndPort authority = request.authority();
    if (authority == null || authority.host() == null) {
      return null;
    }
    String host = authority.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return authority.port() >= 0 ? host + ":" + authority.port() : host;
  }
}
