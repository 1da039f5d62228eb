package io.downhill.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The {@code ?from=…&limit=…} of a paged answer, checked: whole numbers in ASCII digits only,
 * {@code from} at least its least value and {@code limit} at least 1. A missing {@code limit} means
 * as many as fit.
 *
 * @param from the first step or index wanted
 * @param limit the most items wanted (the answer may hold fewer to fit its budget)
 */
public record PageQuery(long from, long limit) {
  private static final int MAX_DIGITS = 18;

  /** Reads the query of {@code ctx}; {@code leastFrom} is also the default of {@code from}. */
  public static PageQuery parse(RoutingContext ctx, long leastFrom) {
    long from = number(ctx, "from", leastFrom, leastFrom);
    long limit = number(ctx, "limit", 1, Long.MAX_VALUE);
    return new PageQuery(from, limit);
  }

  private static long number(RoutingContext ctx, String name, long least, long absent) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return absent;
    }
    String message = "must be a whole number of at least " + least;
    if (values.size() > 1) {
      throw ApiError.badRequest(name, "is given more than once");
    }
    String text = values.get(0);
    if (text.isEmpty()
        || text.length() > MAX_DIGITS
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw ApiError.badRequest(name, message);
    }
    long value = Long.parseLong(text);
    if (value < least) {
      throw ApiError.badRequest(name, message);
    }
    return value;
  }
}
