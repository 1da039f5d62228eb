package io.downhill.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The address a request comes from, for quotas: the socket's peer, or — only when that peer is a
 * configured trusted proxy — the nearest address in {@code X-Forwarded-For} that is not one. A
 * client cannot pick its own address by sending the header.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(RoutingContext ctx, List<String> trustedProxies) {
    String peer =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
