package io.downhill.example;

/**
 * How one learning rate stood at the end of one rung, read from its session's events.
 *
 * @param rate the learning rate
 * @param session the session's id
 * @param stepsThisRung the steps its session made in this rung, counted from its {@code Stepped}
 *     events
 * @param step the session's step count after the rung
 * @param loss the loss at the parameters the rung ended with
 * @param diverged whether the run stopped on a non-finite value
 */
record Outcome(
    double rate, String session, long stepsThisRung, long step, double loss, boolean diverged) {

  /** Lower is better; a diverged run is worse than any finite loss. */
  double rankingLoss() {
    return diverged || !Double.isFinite(loss) ? Double.POSITIVE_INFINITY : loss;
  }
}
