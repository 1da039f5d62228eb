package io.downhill.gateway.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open the WebSocket: the server's own origin, and the configured allow-list. A
 * request without an Origin header comes from a program, not a browser page, and is let through;
 * the owner token still guards every command that drives a session.
 *
 * <p>The own origin is the Host header's host and port under either scheme (behind a proxy that
 * ends TLS, pages are {@code https://} while this server speaks HTTP) — unless this server speaks
 * TLS itself: then only {@code https://}, so a page slipped into plain HTTP on the way cannot pass.
 */
public final class OriginPolicy {
  private final List<String> allowed;
  private final boolean tls;

  /** {@code tls}: this server speaks HTTPS itself. */
  public OriginPolicy(List<String> allowed, boolean tls) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    this.tls = tls;
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
      if (tls && !"https".equals(scheme)) {
        return false;
      }
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
