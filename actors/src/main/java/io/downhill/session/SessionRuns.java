package io.downhill.session;

import io.downhill.access.Refused;
import io.downhill.session.Session.Command;
import io.downhill.session.SessionEvent.Change;
import io.downhill.session.SessionJournalEvent.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * A session's one work slot: the step request or run under way, cut into chunks of at most {@code
 * slice-budget}, and the checkpoints that store where it is. Between chunks the session handles
 * whatever else arrived, so a pause or a new learning rate takes effect at once. What one chunk
 * steps, and when the next one runs, is in {@link SessionChunks}.
 */
final class SessionRuns {
  private final SessionEntity session;
  private final SessionSettings settings;
  private final SessionMeters meters;
  private final SessionSubscribers subscribers;
  private final EffectFactories<SessionJournalEvent, SessionRecord> effects;
  private final SessionChunks chunks;
  private SessionWork work;
  private long jobs;
  private long lastCheckpointNanos;

  SessionRuns(
      SessionEntity session,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      SessionSettings settings,
      SessionSubscribers subscribers,
      EffectFactories<SessionJournalEvent, SessionRecord> effects) {
    this.session = session;
    this.settings = settings;
    this.meters = SessionMeters.get(context.getSystem());
    this.subscribers = subscribers;
    this.effects = effects;
    this.chunks = new SessionChunks(session, context, timers, settings, meters, subscribers);
  }

  boolean idle() {
    return work == null;
  }

  /** Steps left of the work under way; 0 when idle. */
  long remaining() {
    return work == null ? 0 : work.remaining;
  }

  Effect<SessionJournalEvent, SessionRecord> onStep(Session.Step message) {
    if (message.count() < 1 || message.count() > settings.maxStepRequest()) {
      message
          .replyTo()
          .tell(
              Refused.invalid(
                      "count", "must be a whole number from 1 to " + settings.maxStepRequest())
                  .reply());
      return effects.none();
    }
    if (work != null) {
      message.replyTo().tell(Refused.conflict("the session is running; pause it first").reply());
      return effects.none();
    }
    start(new SessionWork(++jobs, message.count(), 0, message.replyTo()));
    return effects.none();
  }

  Effect<SessionJournalEvent, SessionRecord> onRun(Session.Run message) {
    if (message.count() < 1 || message.count() > settings.maxRunSteps()) {
      message
          .replyTo()
          .tell(
              Refused.invalid("count", "must be a whole number from 1 to " + settings.maxRunSteps())
                  .reply());
      return effects.none();
    }
    if (!(message.stepsPerSecond() >= 0) || message.stepsPerSecond() > 1e6) {
      message
          .replyTo()
          .tell(Refused.invalid("stepsPerSecond", "must be a number from 0 to 1000000").reply());
      return effects.none();
    }
    if (work != null && work.stepReplyTo != null) {
      message.replyTo().tell(Refused.conflict("a step request is under way; wait for it").reply());
      return effects.none();
    }
    stop();
    return effects
        .persist(
            List.of(
                checkpoint(),
                new SessionJournalEvent.RunStarted(message.count(), message.stepsPerSecond())))
        .thenRun(
            state -> {
              resume(state);
              session.publishState(Change.RUN_STARTED);
            })
        .thenReply(message.replyTo(), s -> StatusReply.success(session.snapshot()));
  }

  Effect<SessionJournalEvent, SessionRecord> onPause(ActorRef<StatusReply<Snapshot>> replyTo) {
    if (work == null) {
      replyTo.tell(StatusReply.success(session.snapshot()));
      return effects.none();
    }
    return record(Change.RUN_PAUSED, null, null, false)
        .thenReply(replyTo, s -> StatusReply.success(session.snapshot()));
  }

  Effect<SessionJournalEvent, SessionRecord> onContinue(Session.Continue message) {
    if (work == null || work.id != message.job()) {
      return effects.none(); // a chunk of work that was paused or replaced meanwhile
    }
    return runChunk();
  }

  /**
   * Leaving memory mid-run (a node shutting down, a shard moving): stores where the run is, so it
   * goes on from here rather than remaking up to a second of steps.
   */
  Effect<SessionJournalEvent, SessionRecord> onPassivate(SessionRecord state) {
    if (work != null && state.live()) {
      SessionWork leaving = stop();
      return effects.persist(checkpoint()).thenRun(s -> answer(leaving)).thenStop();
    }
    return effects.stop();
  }

  /**
   * Records an input: a checkpoint at the current step, why the work under way ended (when the
   * input ends it), and the input itself, in one write. Once stored, the live trainer takes the
   * stored state, and watchers hear of each change.
   */
  EffectBuilder<SessionJournalEvent, SessionRecord> record(
      Change endsWorkAs, SessionJournalEvent input, Change published, boolean newTrajectory) {
    SessionWork ended = stop();
    List<SessionJournalEvent> events = new ArrayList<>();
    events.add(checkpoint());
    boolean endedRun = ended != null && endsWorkAs != null;
    if (endedRun) {
      events.add(new SessionJournalEvent.RunEnded(endsWorkAs));
    }
    if (input != null) {
      events.add(input);
    }
    return effects
        .persist(events)
        .thenRun(
            state -> {
              if (endedRun) {
                session.publishState(endsWorkAs);
              }
              if (newTrajectory) {
                session.rebuild(state);
              } else {
                session.trainer().restore(state.trainer());
              }
              if (published != null) {
                session.publishState(published);
              }
              answer(ended);
            });
  }

  /** Records an input that leaves the work under way going (a new rate, the accumulation). */
  EffectBuilder<SessionJournalEvent, SessionRecord> keepWorking(
      SessionJournalEvent input, Change published) {
    return effects
        .persist(List.of(checkpoint(), input))
        .thenRun(
            state -> {
              session.trainer().restore(state.trainer());
              session.publishState(published);
            });
  }

  /** Starts the run the record holds, if any: after a restart it goes on by itself. */
  void resume(SessionRecord state) {
    SessionRecord.RunPlan run = state.run();
    if (run == null || session.trainer().divergence().isPresent()) {
      return;
    }
    long left = run.untilStep() - session.trainer().completedSteps();
    if (left > 0) {
      start(new SessionWork(++jobs, left, run.stepsPerSecond(), null));
    }
  }

  private void start(SessionWork next) {
    if (work == null) {
      meters.workStarted();
    }
    work = next;
    lastCheckpointNanos = System.nanoTime();
    chunks.scheduleFirst(next);
  }

  /** Ends the work under way, if any, and returns it so its step request can be answered. */
  SessionWork stop() {
    SessionWork ended = work;
    if (ended != null) {
      meters.workEnded();
    }
    work = null;
    chunks.cancelNext();
    return ended;
  }

  /** Stopped or failed mid-run: the run is no longer under way here. */
  void released() {
    if (work != null) {
      meters.workEnded();
      work = null;
    }
  }

  /** One chunk: steps until the work, the chunk size, the pace or the time budget runs out. */
  private Effect<SessionJournalEvent, SessionRecord> runChunk() {
    boolean diverged = chunks.stepChunk(work);
    if (diverged) {
      return finish(Change.DIVERGED);
    }
    if (work.remaining == 0) {
      return finish(work.stepReplyTo == null ? Change.RUN_FINISHED : null);
    }
    chunks.scheduleNext(work);
    if (System.nanoTime() - lastCheckpointNanos >= settings.checkpointInterval().toNanos()) {
      return effects.persist(checkpoint());
    }
    return effects.none();
  }

  /** Ends the work: a checkpoint and why it ended, stored before anyone hears of it. */
  private Effect<SessionJournalEvent, SessionRecord> finish(Change why) {
    SessionWork ended = stop();
    List<SessionJournalEvent> events = new ArrayList<>();
    events.add(checkpoint());
    if (why != null) {
      events.add(new SessionJournalEvent.RunEnded(why));
    }
    return effects
        .persist(events)
        .thenRun(
            state -> {
              if (why != null) {
                session.publishState(why);
              }
              answer(ended);
            });
  }

  /** Answers the step request that {@code ended}, if it was one, with every step it made. */
  void answer(SessionWork ended) {
    if (ended != null && ended.stepReplyTo != null) {
      ended.stepReplyTo.tell(
          StatusReply.success(
              new Session.Stepped(List.copyOf(ended.collected), session.snapshot())));
    }
  }

  /** The trainer's whole state at the current step, as an event. */
  Checkpoint checkpoint() {
    lastCheckpointNanos = System.nanoTime();
    return new Checkpoint(session.trainer().exportState(), subscribers.seq());
  }
}
