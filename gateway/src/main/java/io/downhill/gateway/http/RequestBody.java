package io.downhill.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body as text, decoded strictly: bytes that are not UTF-8 (overlong forms, lone
 * surrogates, truncated sequences) are refused with 400 on {@code body}, never replaced by U+FFFD,
 * so what a session stores is exactly what the client sent.
 */
public final class RequestBody {
  private RequestBody() {}

  /** The body, or null when there is none. */
  public static String text(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(ctx.body().buffer().getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("body", "the request body is not valid UTF-8");
    }
  }
}
