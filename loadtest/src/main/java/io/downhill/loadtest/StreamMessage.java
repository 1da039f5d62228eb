package io.downhill.loadtest;

/**
 * The fields of one server message that the load test looks at; the rest (step values, states) is
 * skipped while parsing. Numbers a message does not carry are 0 or -1.
 *
 * @param type {@code steps}, {@code skipped}, {@code state}, {@code reply}, {@code error}
 * @param session the session id, or null
 * @param firstSeq the first event covered ({@code steps}, {@code skipped}); for a state, its seq
 * @param seq the last event covered; -1 when the message has none
 * @param at when the last step was made, epoch milliseconds ({@code steps} only)
 * @param steps steps carried ({@code steps}) or skipped ({@code skipped: count})
 * @param detail the state's {@code change}, the reply's {@code command} or the error's text
 */
record StreamMessage(
    String type, String session, long firstSeq, long seq, double at, long steps, String detail) {

  boolean isSteps() {
    return "steps".equals(type);
  }

  boolean isSkipped() {
    return "skipped".equals(type);
  }

  boolean isState() {
    return "state".equals(type);
  }

  boolean hasSeq() {
    return seq >= 0;
  }
}
