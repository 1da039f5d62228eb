package io.downhill.session;

import io.downhill.numerics.training.StepRecord;
import io.downhill.session.Session.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The chunks the work under way is cut into: what one chunk steps (at most the chunk size, the
 * pace's credit and the time budget allow) and when the next one runs (at once, or on the pacing
 * timer). Kept apart from {@link SessionRuns}, which owns the work slot itself and what is stored
 * when work starts, ends or reaches a checkpoint, so the stepping and its timing can be read
 * without the journal writes around them.
 */
final class SessionChunks {
  private static final Object PACING_TIMER = "pacing";

  private final SessionEntity session;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final SessionSettings settings;
  private final SessionMeters meters;
  private final SessionSubscribers subscribers;

  SessionChunks(
      SessionEntity session,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      SessionSettings settings,
      SessionMeters meters,
      SessionSubscribers subscribers) {
    this.session = session;
    this.context = context;
    this.timers = timers;
    this.settings = settings;
    this.meters = meters;
    this.subscribers = subscribers;
  }

  /** Asks for the first chunk of new work: paced work waits one paced interval, the rest not. */
  void scheduleFirst(SessionWork next) {
    if (next.stepsPerSecond > 0) {
      next.startPacing(System.nanoTime(), settings.sliceBudget().toNanos() * 50);
      timers.startSingleTimer(
          PACING_TIMER, new Session.Continue(next.id), settings.pacedSliceInterval());
    } else {
      context.getSelf().tell(new Session.Continue(next.id));
    }
  }

  /** Asks for the chunk after this one of {@code work}, which has steps left. */
  void scheduleNext(SessionWork work) {
    if (work.pacer == null) {
      context.getSelf().tell(new Session.Continue(work.id));
    } else {
      // One timer at a time, armed after the chunk: ticks never queue up behind a slow session.
      long delay = work.pacer.nanosUntilNextStep(settings.pacedSliceInterval().toNanos());
      timers.startSingleTimer(PACING_TIMER, new Session.Continue(work.id), Duration.ofNanos(delay));
    }
  }

  /** The work under way ended: a paced chunk still waiting on its timer is not asked for. */
  void cancelNext() {
    timers.cancel(PACING_TIMER);
  }

  /**
   * Steps one chunk of {@code work}, until the work, the chunk size, the pace or the time budget
   * runs out; the steps go to the history, the watchers and (for a step request) the work.
   *
   * @return whether the trainer diverged during the chunk
   */
  boolean stepChunk(SessionWork work) {
    long budgetNanos = settings.sliceBudget().toNanos();
    long started = System.nanoTime();
    long allowed = Math.min(work.remaining, settings.maxStepsPerSlice());
    if (work.pacer != null) {
      allowed = work.pacer.take(started, allowed);
    }
    List<StepRecord> chunk = new ArrayList<>();
    boolean diverged = false;
    while (chunk.size() < allowed) {
      Optional<StepRecord> step = session.trainer().step();
      if (step.isEmpty()) {
        diverged = true;
        break;
      }
      chunk.add(step.get());
      session.history().add(step.get());
      if (System.nanoTime() - started > budgetNanos) {
        break;
      }
    }
    if (work.pacer != null && !diverged) {
      work.pacer.refund(allowed - chunk.size());
    }
    work.remaining -= chunk.size();
    meters.stepped(chunk.size());
    if (!chunk.isEmpty()) {
      subscribers.publishSteps(chunk, session.trainer().model().parameterCount());
      work.collect(chunk);
    }
    return diverged;
  }
}
