package io.downhill.session;

/**
 * The credit arithmetic of a paced run: steps are earned from the time that really passed, so a run
 * asked for N steps per second makes N per second whatever the scheduler's tick. Earned credit is
 * capped at {@code maxBurst} of time, so a session that was held up (a stalled thread, a long
 * persist) catches up a little but never bursts through a backlog. Pure: the caller passes the
 * clock's readings.
 */
public final class Pacer {
  private final double stepsPerSecond;
  private final double maxCredit;
  private double credit;
  private long lastNanos;

  /**
   * @param stepsPerSecond the asked rate, above 0
   * @param maxBurstNanos the most time whose steps may be earned at once
   * @param startNanos the clock's reading when the run starts
   */
  public Pacer(double stepsPerSecond, long maxBurstNanos, long startNanos) {
    if (!(stepsPerSecond > 0)) {
      throw new IllegalArgumentException("stepsPerSecond must be above 0");
    }
    this.stepsPerSecond = stepsPerSecond;
    this.maxCredit = Math.max(2.0, stepsPerSecond * maxBurstNanos / 1e9);
    this.lastNanos = startNanos;
  }

  /** The steps earned up to {@code nowNanos} (at most {@code limit}); they are spent at once. */
  public long take(long nowNanos, long limit) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    credit = Math.min(credit + stepsPerSecond * elapsed / 1e9, maxCredit);
    long steps = Math.min(limit, (long) credit);
    credit -= steps;
    return steps;
  }

  /** Gives back steps taken but not made (a chunk cut short by its time budget). */
  public void refund(long steps) {
    credit = Math.min(credit + steps, maxCredit);
  }

  /**
   * How long from the last {@link #take} until the next step is due, at least {@code minNanos}: a
   * slow run wakes once per step, not once per tick.
   */
  public long nanosUntilNextStep(long minNanos) {
    double missing = 1.0 - credit;
    long due = missing <= 0 ? 0 : (long) Math.ceil(missing / stepsPerSecond * 1e9);
    return Math.max(minNanos, due);
  }

  public double stepsPerSecond() {
    return stepsPerSecond;
  }
}
