package io.downhill.gateway.websocket;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Puts one client's text messages together from their frames, strictly. Vert.x's own aggregation
 * replaces bytes that are not UTF-8 with U+FFFD; here such a message closes the connection with
 * 1007, as RFC 6455 asks, a binary frame with 1003 (this endpoint speaks JSON text only), and a
 * message over the size limit with 1009. One per connection, on its event loop.
 */
final class TextMessages {
  /** What a frame led to: nothing yet, a whole message, or a reason to close. */
  sealed interface Outcome permits Incomplete, Text, Close {}

  /** The message goes on in later frames, or the frame was a control frame. */
  enum Incomplete implements Outcome {
    INSTANCE
  }

  /** A complete message. */
  record Text(String text) implements Outcome {}

  /** Close the connection with this status and reason. */
  record Close(short status, String reason) implements Outcome {}

  private final int maxBytes;
  private Buffer pending;

  TextMessages(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  Outcome accept(WebSocketFrame frame) {
    if (frame.isBinary()) {
      return new Close((short) 1003, "binary frames are not accepted: send JSON text");
    }
    if (frame.isText()) {
      pending = Buffer.buffer();
    } else if (!frame.isContinuation()) {
      return Incomplete.INSTANCE; // ping, pong, close: Vert.x answers those itself
    } else if (pending == null) {
      return new Close((short) 1002, "a continuation frame without a message");
    }
    pending.appendBuffer(frame.binaryData());
    if (pending.length() > maxBytes) {
      pending = null;
      return new Close((short) 1009, "a message may hold at most " + maxBytes + " bytes");
    }
    if (!frame.isFinal()) {
      return Incomplete.INSTANCE;
    }
    byte[] bytes = pending.getBytes();
    pending = null;
    try {
      return new Text(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return new Close((short) 1007, "a text message must be valid UTF-8");
    }
  }
}
