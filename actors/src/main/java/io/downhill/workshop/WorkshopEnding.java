package io.downhill.workshop;

import io.downhill.access.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * How a workshop ends: closed by its instructor or at its end (its code released, every session
 * ended), given more time, and removed once its day of keeping is over. {@link WorkshopLifetime}
 * leaves the reminder for the next of these moments.
 */
final class WorkshopEnding {
  private final WorkshopLifetime lifetime;
  private final WorkshopSessions sessions;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish;
  private final Runnable passivate;
  private final EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects;

  WorkshopEnding(
      WorkshopLifetime lifetime,
      WorkshopSessions sessions,
      WorkshopSettings settings,
      Clock clock,
      BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish,
      Runnable passivate,
      EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects) {
    this.lifetime = lifetime;
    this.sessions = sessions;
    this.settings = settings;
    this.clock = clock;
    this.publish = publish;
    this.passivate = passivate;
    this.effects = effects;
  }

  /**
   * The workshop's reminder came due: an open workshop past its end closes, a closed one past its
   * day is removed; one given more time meanwhile waits for its new end.
   */
  Effect<WorkshopJournalEvent, WorkshopRecord> onLifetimeDue(WorkshopRecord state) {
    if (!state.opened()) {
      passivate.run();
      return effects.none();
    }
    Instant now = clock.instant();
    if (!state.closed()) {
      if (state.endsAt() == null || now.isBefore(state.endsAt())) {
        lifetime.remindAt(state.endsAt());
        return effects.none();
      }
      return close(state, WorkshopEvent.Change.CLOSED, null);
    }
    Instant goneAt = lifetime.goneAt(state);
    if (now.isBefore(goneAt)) {
      lifetime.remindAt(goneAt);
      return effects.none();
    }
    return effects
        .persist(new WorkshopJournalEvent.Removed(now))
        .thenRun(
            s -> {
              publish.apply(s, WorkshopEvent.Change.REMOVED);
              passivate.run();
            });
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onExtend(
      WorkshopRecord state, Workshop.Extend message) {
    Instant endsAt = lifetime.extended(state, message.extra(), clock.instant());
    if (endsAt == null) {
      message
          .replyTo()
          .tell(
              Refused.invalid(
                      "hours",
                      "must be more than 0 and at most " + settings.maxLifetime().toHours())
                  .reply());
      return effects.none();
    }
    return effects
        .persist(new WorkshopJournalEvent.LifetimeExtended(endsAt))
        .thenRun(
            s -> {
              lifetime.remindAt(endsAt);
              message
                  .replyTo()
                  .tell(StatusReply.success(publish.apply(s, WorkshopEvent.Change.EXTENDED)));
            });
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onClose(
      WorkshopRecord state, Workshop.Close message) {
    return close(state, WorkshopEvent.Change.CLOSED, message.replyTo());
  }

  /** Closes the room: the code is released, every session ends, the day of keeping begins. */
  private Effect<WorkshopJournalEvent, WorkshopRecord> close(
      WorkshopRecord state,
      WorkshopEvent.Change change,
      ActorRef<StatusReply<WorkshopState>> replyTo) {
    String old = state.code();
    return effects
        .persist(new WorkshopJournalEvent.Closed(clock.instant()))
        .thenRun(
            s -> {
              sessions.release(old);
              s.participants().forEach(p -> sessions.end(p.sessionId()));
              WorkshopState view = publish.apply(s, change);
              lifetime.remindAt(lifetime.goneAt(s));
              if (replyTo != null) {
                replyTo.tell(StatusReply.success(view));
              }
            });
  }
}
