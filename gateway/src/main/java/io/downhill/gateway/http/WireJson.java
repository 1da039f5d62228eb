package io.downhill.gateway.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Encodes the wire records as JSON. A non-finite number is written as {@code null}: JSON has no
 * NaN, and no NaN or infinity may reach a client.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(finiteNumbersOnly())
          // Formatting doubles is most of the encoding time of a stream of steps.
          .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  private WireJson() {}

  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire records always encode", e);
    }
  }

  public static Buffer buffer(Object value) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire records always encode", e);
    }
  }

  /**
   * How many numbers {@code value} encodes to, counting the {@code null} written for a non-finite
   * one: what an answer's budget counts.
   */
  public static long numbers(Object value) {
    return count(MAPPER.valueToTree(value));
  }

  private static long count(JsonNode node) {
    if (node.isNumber() || node.isNull()) {
      return 1;
    }
    long count = 0;
    for (JsonNode child : node) {
      count += count(child);
    }
    return count;
  }

  private static SimpleModule finiteNumbersOnly() {
    SimpleModule module = new SimpleModule("finite-numbers-only");
    StdSerializer<Double> scalar =
        new StdSerializer<>(Double.class) {
          @Override
          public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            writeFinite(value, gen);
          }
        };
    module.addSerializer(Double.class, scalar);
    module.addSerializer(double.class, scalar);
    module.addSerializer(
        double[].class,
        new StdSerializer<>(double[].class) {
          @Override
          public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeStartArray(values, values.length);
            for (double value : values) {
              writeFinite(value, gen);
            }
            gen.writeEndArray();
          }
        });
    return module;
  }

  private static void writeFinite(double value, JsonGenerator gen) throws IOException {
    if (Double.isFinite(value)) {
      gen.writeNumber(value);
    } else {
      gen.writeNull();
    }
  }
}
