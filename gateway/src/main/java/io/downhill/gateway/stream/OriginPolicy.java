package io.downhill.gateway.stream;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open the WebSocket: the server's own origin, and the configured allow-list. A
 * request without an Origin header comes from a program, not a browser page, and is let through;
 * the owner token still guards every command that drives a session.
 */
public final class OriginPolicy {
  private final List<String> allowed;

  public OriginPolicy(List<String> allowed) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether a handshake with this Origin (may be null) to this Host header is allowed. */
  public boolean permits(String origin, String host) {
    if (origin == null) {
      return true;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (allowed.contains(normalized)) {
      return true;
    }
    try {
      URI uri = URI.create(normalized);
      if (uri.getHost() == null || host == null) {
        return false;
      }
      String scheme = uri.getScheme();
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
      String originHostPort = uri.getHost() + ":" + port;
      String hostHeader = host.toLowerCase(Locale.ROOT);
      String hostWithPort =
          hostHeader.contains(":") && !hostHeader.endsWith("]")
              ? hostHeader
              : hostHeader + ":" + ("https".equals(scheme) ? 443 : 80);
      return originHostPort.equals(hostWithPort);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
