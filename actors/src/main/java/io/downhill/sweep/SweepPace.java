package io.downhill.sweep;

import io.downhill.session.Pacer;

/**
 * The pace of a sweep's run: how far its batches may go by now. A paced sweep hands its batches a
 * target that grows with the time that really passed (the sessions' {@link Pacer} arithmetic), so a
 * person can watch the curves form; an unpaced one lets them run to the end at once. Lives in
 * memory for one run: a pause or a restart of the entity starts a new one at the step reached.
 */
final class SweepPace {
  private final long steps;
  private final Pacer pacer;
  private long target;

  /**
   * @param steps the sweep's last step
   * @param stepsPerSecond the pace; 0 for none
   * @param from the lock-step the run starts at
   */
  SweepPace(long steps, double stepsPerSecond, long from, long nowNanos, long maxBurstNanos) {
    this.steps = steps;
    this.pacer = stepsPerSecond > 0 ? new Pacer(stepsPerSecond, maxBurstNanos, nowNanos) : null;
    this.target = stepsPerSecond > 0 ? Math.min(from, steps) : steps;
  }

  boolean paced() {
    return pacer != null;
  }

  /** The step the batches may go to now; grows with the time passed, never past the end. */
  long advance(long nowNanos) {
    if (pacer != null && target < steps) {
      target += pacer.take(nowNanos, steps - target);
    }
    return target;
  }

  /** The step the batches may go to, as of the last {@link #advance}. */
  long target() {
    return target;
  }

  /** Whether the target has reached the sweep's end: nothing is left to pace. */
  boolean atEnd() {
    return target >= steps;
  }

  /** How long until the next step is due, at least {@code minNanos}. */
  long nanosUntilNext(long minNanos) {
    return pacer == null ? minNanos : pacer.nanosUntilNextStep(minNanos);
  }
}
