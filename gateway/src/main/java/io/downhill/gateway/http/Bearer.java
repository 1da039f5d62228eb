package io.downhill.gateway.http;

import io.vertx.ext.web.RoutingContext;

/** Reads the owner token from {@code Authorization: Bearer …}; tokens never travel in URLs. */
public final class Bearer {
  private Bearer() {}

  /** The token, or a 401 naming the header when there is none. */
  public static String token(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(
          401, "Authorization", "driving a session needs its token: Authorization: Bearer <token>");
    }
    return header.substring(7).trim();
  }
}
