package io.downhill.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A JSON object read field by field, strictly: each reader names the field (with its path) when the
 * value is missing, of the wrong type, non-finite or out of range. Numbers such as {@code 1e400}
 * that overflow to infinity are refused like NaN.
 */
public final class JsonInput {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final ObjectNode node;
  private final String path;

  private JsonInput(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Parses a request body; it must be one JSON object. */
  public static JsonInput parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest(null, "the request body must be a JSON object");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest(null, "malformed JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw ApiError.badRequest(null, "the request body must be a JSON object");
    }
    return new JsonInput((ObjectNode) root, "");
  }

  /** An empty object, for requests whose body is optional. */
  public static JsonInput empty() {
    return new JsonInput(MAPPER.createObjectNode(), "");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int cut = message.indexOf('\n');
    String line = cut < 0 ? message : message.substring(0, cut);
    // Jackson appends the source location after a space and a parenthesis; keep the reason.
    return line.length() > 160 ? line.substring(0, 160) : line;
  }

  private String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** This object without {@code fields}. */
  public JsonInput without(Set<String> fields) {
    ObjectNode copy = node.deepCopy();
    copy.remove(fields);
    return new JsonInput(copy, path);
  }

  /** This object with the top-level fields of {@code overrides} put over its own. */
  public JsonInput mergedWith(JsonInput overrides) {
    ObjectNode copy = node.deepCopy();
    copy.setAll(overrides.node.deepCopy());
    return new JsonInput(copy, path);
  }

  /** This object with {@code field} set to a number. */
  public JsonInput with(String field, double value) {
    ObjectNode copy = node.deepCopy();
    copy.put(field, value);
    return new JsonInput(copy, path);
  }

  public boolean isNumber(String field) {
    return has(field) && node.get(field).isNumber();
  }

  public boolean isArray(String field) {
    return has(field) && node.get(field).isArray();
  }

  public boolean isObject(String field) {
    return has(field) && node.get(field).isObject();
  }

  /** The top-level field names. */
  public Set<String> fieldNames() {
    Set<String> names = new java.util.LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** An array of at most {@code maxLength} objects. */
  public java.util.List<JsonInput> objects(String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw ApiError.badRequest(name(field), "must be an array of objects");
    }
    if (value.size() < 1 || value.size() > maxLength) {
      throw ApiError.badRequest(name(field), "must hold 1 to " + maxLength + " objects");
    }
    java.util.List<JsonInput> out = new java.util.ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isObject()) {
        throw ApiError.badRequest(name(field) + "[" + i + "]", "must be an object");
      }
      out.add(new JsonInput((ObjectNode) value.get(i), ""));
    }
    return out;
  }

  public boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  /** Refuses any field not in {@code known}, so a typo does not pass silently. */
  public JsonInput allowOnly(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        throw ApiError.badRequest(name(field), "is not a known field");
      }
    }
    return this;
  }

  /** A nested object, or null when absent. */
  public JsonInput object(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isObject()) {
      throw ApiError.badRequest(name(field), "must be an object");
    }
    return new JsonInput((ObjectNode) value, name(field));
  }

  public double number(String field, double fallback) {
    return has(field) ? finite(node.get(field), name(field)) : fallback;
  }

  public double requiredNumber(String field) {
    require(field);
    return finite(node.get(field), name(field));
  }

  /** A whole number in [min, max]. */
  public long integer(String field, long min, long max, long fallback) {
    if (!has(field)) {
      return fallback;
    }
    return whole(node.get(field), name(field), min, max);
  }

  public long requiredInteger(String field, long min, long max) {
    require(field);
    return whole(node.get(field), name(field), min, max);
  }

  public boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw ApiError.badRequest(name(field), "must be true or false");
    }
    return value.booleanValue();
  }

  public String text(String field, String fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw ApiError.badRequest(name(field), "must be a string");
    }
    return value.textValue();
  }

  public String requiredText(String field) {
    require(field);
    return text(field, null);
  }

  /** An array of at most {@code maxLength} finite numbers. */
  public double[] numbers(String field, int maxLength, double[] fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = array(field, maxLength, "numbers");
    double[] out = new double[value.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = finite(value.get(i), name(field) + "[" + i + "]");
    }
    return out;
  }

  /** An array of at most {@code maxLength} whole numbers, each from {@code min} to {@code max}. */
  public long[] wholeNumbers(String field, int maxLength, long min, long max, long[] fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode value = array(field, maxLength, "whole numbers");
    long[] out = new long[value.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = whole(value.get(i), name(field) + "[" + i + "]", min, max);
    }
    return out;
  }

  /** The array {@code field} holds, of at most {@code maxLength} {@code what}. */
  private JsonNode array(String field, int maxLength, String what) {
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw ApiError.badRequest(name(field), "must be an array of " + what);
    }
    if (value.size() > maxLength) {
      throw ApiError.badRequest(name(field), "must hold at most " + maxLength + " numbers");
    }
    return value;
  }

  public double[] requiredNumbers(String field, int maxLength) {
    require(field);
    return numbers(field, maxLength, null);
  }

  /** A client's request id, echoed in the answer: a string of up to 64 characters or a number. */
  public Object requestId(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value.isTextual() && value.textValue().length() <= 64) {
      return value.textValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    throw ApiError.badRequest(name(field), "must be a string of up to 64 characters or an integer");
  }

  private void require(String field) {
    if (!has(field)) {
      throw ApiError.badRequest(name(field), "is required");
    }
  }

  private static double finite(JsonNode value, String name) {
    if (!value.isNumber()) {
      throw ApiError.badRequest(name, "must be a number");
    }
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      throw ApiError.badRequest(name, "must be a finite number");
    }
    return d;
  }

  private static long whole(JsonNode value, String name, long min, long max) {
    if (!value.isNumber()) {
      throw ApiError.badRequest(name, "must be a whole number");
    }
    double d = value.doubleValue();
    boolean integral =
        value.isIntegralNumber()
            ? value.canConvertToLong()
            : Double.isFinite(d) && d == Math.rint(d);
    if (!integral) {
      throw ApiError.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
    long v = value.isIntegralNumber() ? value.longValue() : (long) d;
    if (v < min || v > max || (!value.isIntegralNumber() && Math.abs(d) > 9e15)) {
      throw ApiError.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
    return v;
  }
}
