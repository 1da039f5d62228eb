package io.downhill.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads one WebSocket frame, {@code {"frame":n,"messages":[…]}}, with a streaming parser and hands
 * each message's bookkeeping fields to a consumer. The load generator shares the machine with the
 * server, so it never builds a tree and skips step values unread.
 */
final class FrameReader {
  private static final JsonFactory JSON = new JsonFactory();

  private FrameReader() {}

  /** Returns the frame number and passes every message to {@code sink}, in order. */
  static long read(String frame, Consumer<StreamMessage> sink) {
    try (JsonParser parser = JSON.createParser(frame)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      long number = -1;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("frame")) {
          number = parser.getLongValue();
        } else if (field.equals("messages")) {
          expect(value, JsonToken.START_ARRAY);
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            sink.accept(message(parser));
          }
        } else {
          parser.skipChildren();
        }
      }
      return number;
    } catch (IOException e) {
      throw new IllegalStateException("unreadable frame: " + e.getMessage(), e);
    }
  }

  private static StreamMessage message(JsonParser parser) throws IOException {
    String type = null;
    String session = null;
    String detail = null;
    long firstSeq = -1;
    long seq = -1;
    double at = 0;
    long steps = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "type" -> type = parser.getText();
        case "session" -> session = parser.getText();
        case "firstSeq" -> firstSeq = parser.getLongValue();
        case "seq" -> seq = parser.getLongValue();
        case "at" -> at = parser.getDoubleValue();
        case "count" -> steps = parser.getLongValue();
        case "change", "command", "error" -> detail = parser.getText();
        case "steps" -> {
          expect(value, JsonToken.START_ARRAY);
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            steps++;
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    return new StreamMessage(type, session, firstSeq < 0 ? seq : firstSeq, seq, at, steps, detail);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
