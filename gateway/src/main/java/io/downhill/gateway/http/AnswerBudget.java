package io.downhill.gateway.http;

import com.typesafe.config.Config;

/**
 * How many numbers one answer may hold ({@code downhill.gateway.max-values-per-answer}): every
 * loss, rate, step number and entry of a gradient or parameter vector counts. A step reply, a page
 * of history or of a sweep's variants is cut to fit, and says where the rest is. Read once; lives
 * as long as the server.
 *
 * @param maxValues the most numbers in one answer
 */
public record AnswerBudget(long maxValues) {
  /** Room for a step and the state of the largest model (128 parameters), with some to spare. */
  static final long LEAST = 1_000;

  public AnswerBudget {
    if (maxValues < LEAST) {
      throw new IllegalArgumentException(
          "downhill.gateway.max-values-per-answer must be at least " + LEAST + ": " + maxValues);
    }
  }

  public static AnswerBudget from(Config config) {
    return new AnswerBudget(config.getLong("downhill.gateway.max-values-per-answer"));
  }

  /** This budget or {@code values}, whichever is smaller (but never below the least). */
  public AnswerBudget atMost(long values) {
    return new AnswerBudget(Math.max(LEAST, Math.min(maxValues, values)));
  }

  /**
   * How many items of {@code valuesEach} numbers fit beside {@code reserved} others; at least one,
   * so an answer always makes progress.
   */
  public int fitting(long valuesEach, long reserved) {
    long room = Math.max(0, maxValues - reserved) / Math.max(1, valuesEach);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, room));
  }
}
