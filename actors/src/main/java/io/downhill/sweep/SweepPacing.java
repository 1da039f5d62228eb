package io.downhill.sweep;

import io.downhill.sweep.Sweep.Command;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The pace of a sweep's run in memory: the {@link SweepPace} of the run under way and the one timer
 * that moves it on. Kept apart from {@link SweepGroups}, which owns the batches and what they
 * reached, so the clock and timer arithmetic of a paced run sits in one place and the groups only
 * hear the targets it hands out.
 */
final class SweepPacing {
  private static final Object PACE_TIMER = "pace";

  /** A paced run held up (a long persist, a busy node) catches up at most this much at once. */
  private static final long MAX_BURST_NANOS = Duration.ofMillis(250).toNanos();

  private final TimerScheduler<Command> timers;
  private final Sweep.SweepSettings settings;
  private SweepPace pace;

  SweepPacing(TimerScheduler<Command> timers, Sweep.SweepSettings settings) {
    this.timers = timers;
    this.settings = settings;
  }

  /** A new pace for a run from {@code from}; a paced one asks for its first steps on a timer. */
  void start(SweepSpec spec, long from) {
    pace =
        new SweepPace(
            spec.steps(), spec.stepsPerSecond(), from, System.nanoTime(), MAX_BURST_NANOS);
    if (pace.paced()) {
      timers.startSingleTimer(PACE_TIMER, Sweep.PaceTick.INSTANCE, paceInterval());
    }
  }

  void stop() {
    pace = null;
    timers.cancel(PACE_TIMER);
  }

  /** Whether the run just started asks its batches for steps on the timer rather than at once. */
  boolean asksOnTimer() {
    return pace.paced() && !pace.atEnd();
  }

  /**
   * How far the batches may go: the pace's target, or the end ({@code steps}) when the run is not
   * paced.
   */
  long advanceTarget(long steps) {
    return pace == null ? steps : pace.target();
  }

  /**
   * The pace's timer fired: moves the target on by the time that passed, hands a target that grew
   * to {@code advanceTo}, then arms the timer for the next step due, if any is left.
   */
  void onTick(LongConsumer advanceTo) {
    if (pace == null) {
      return;
    }
    long before = pace.target();
    long target = pace.advance(System.nanoTime());
    if (target > before) {
      advanceTo.accept(target);
    }
    if (!pace.atEnd()) {
      long delay = pace.nanosUntilNext(paceInterval().toNanos());
      timers.startSingleTimer(PACE_TIMER, Sweep.PaceTick.INSTANCE, Duration.ofNanos(delay));
    }
  }

  private Duration paceInterval() {
    return settings.session().pacedSliceInterval();
  }
}
