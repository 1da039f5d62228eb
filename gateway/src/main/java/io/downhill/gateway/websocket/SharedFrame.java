package io.downhill.gateway.websocket;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One feed's batch as a whole WebSocket text frame, encoded to UTF-8 once, on first use, and then
 * written as it is to every client whose frame this flush holds that batch alone (the common case:
 * a page watching one session). Without it each client builds and encodes its own copy of the same
 * bytes. Vert.x's public API takes text frames as strings only, so the frame is made with its
 * implementation class from bytes; each write wraps the one byte array in a buffer of its own (no
 * copy), which Netty may release when written without touching the array.
 */
final class SharedFrame {
  private final List<String> fragments;
  private byte[] bytes;
  private int characters = -1;

  SharedFrame(List<String> fragments) {
    this.fragments = fragments;
  }

  /** The frame's length in characters, to check it against a client's frame size. */
  int characters() {
    if (characters < 0) {
      int total = "{\"messages\":[]}".length() + Math.max(0, fragments.size() - 1);
      for (String fragment : fragments) {
        total += fragment.length();
      }
      characters = total;
    }
    return characters;
  }

  /**
   * A new frame over the shared bytes, for one write; null when they are more than {@code
   * maxFrameBytes} (the server's WebSocket frame size), which must go as a message in fragments.
   */
  WebSocketFrame frame(int maxFrameBytes) {
    if (bytes == null) {
      bytes =
          ("{\"messages\":[" + String.join(",", fragments) + "]}").getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > maxFrameBytes) {
      return null;
    }
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(bytes), true);
  }
}
