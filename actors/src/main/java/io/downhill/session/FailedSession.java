package io.downhill.session;

import io.downhill.access.Refused;
import io.downhill.session.Session.Command;
import io.downhill.session.SessionEvent.Change;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * A session that failed for good (more often than {@code max-failures} in the window): it records
 * that it failed, has no trainer, shows its stored state, and takes only what can end the failure
 * (reset, a new spec, delete) or needs no trainer (watching, pausing).
 */
final class FailedSession {
  private final SessionEntity session;
  private final SessionRuns runs;
  private final SessionSubscribers subscribers;
  private final SessionSettings settings;
  private final Failures failures;
  private final EffectFactories<SessionJournalEvent, SessionRecord> effects;
  private final ActorContext<Command> context;
  private boolean failureCounted;

  FailedSession(
      SessionEntity session,
      ActorContext<Command> context,
      SessionRuns runs,
      SessionSubscribers subscribers,
      SessionSettings settings,
      Failures failures,
      EffectFactories<SessionJournalEvent, SessionRecord> effects) {
    this.session = session;
    this.context = context;
    this.runs = runs;
    this.subscribers = subscribers;
    this.settings = settings;
    this.failures = failures;
    this.effects = effects;
  }

  /**
   * A journal failure during recovery restarts this same behaviour object, not a new one: each
   * recovery is a new attempt, whose failure counts.
   */
  void recoveryStarted() {
    failureCounted = false;
  }

  /** Counts the failure that ends this attempt, once however many times it is seen. */
  void count(String reason) {
    if (!failureCounted) {
      failureCounted = true;
      failures.record(System.nanoTime(), reason);
    }
  }

  /**
   * Rebuilds the trainer of a recovered session; false when the session has failed too often (it
   * then tells itself to fail for good). A failure that is not yet one too many is thrown, so the
   * session restarts.
   */
  boolean rebuildAfterRecovery(SessionRecord state) {
    long now = System.nanoTime();
    if (failures.exhausted(now)) {
      failForGood();
      return false;
    }
    try {
      session.rebuild(state);
    } catch (RuntimeException failure) {
      count(Failures.describe(failure));
      if (failures.exhausted(now)) {
        failForGood();
        return false;
      }
      throw failure;
    }
    return true;
  }

  private void failForGood() {
    context.getSelf().tell(new Session.Fail(failures.reason()));
  }

  /** Records that the session failed for good: its run ends, its watchers are told. */
  Effect<SessionJournalEvent, SessionRecord> onFail(SessionRecord state, Session.Fail message) {
    if (!state.live() || state.failure() != null) {
      return effects.none();
    }
    SessionWork ended = runs.stop();
    return effects
        .persist(new SessionJournalEvent.Failed(message.reason(), System.currentTimeMillis()))
        .thenRun(
            next -> {
              session.stored(next);
              runs.answer(ended);
              session.publishState(Change.FAILED);
            });
  }

  Effect<SessionJournalEvent, SessionRecord> handle(SessionRecord state, Command command) {
    if (command instanceof Session.GetState c) {
      c.replyTo().tell(StatusReply.success(session.snapshot()));
    } else if (command instanceof Session.Subscribe c) {
      subscribers.subscribe(c, session::snapshot);
    } else if (command instanceof Session.Unsubscribe c) {
      subscribers.unsubscribe(c.subscriber());
    } else if (command instanceof Session.Pause c) {
      c.replyTo().tell(StatusReply.success(session.snapshot()));
    } else if (command instanceof Session.Halt c) {
      c.replyTo().tell(StatusReply.success(session.snapshot()));
    } else if (command instanceof Session.Reset c) {
      return startAfresh(new SessionJournalEvent.ResetDone(), Change.RESET)
          .thenReply(c.replyTo(), s -> StatusReply.success(session.snapshot()));
    } else if (command instanceof Session.Reconfigure c) {
      Refused refused = Session.checkSpec(c.spec(), settings);
      if (refused != null) {
        c.replyTo().tell(refused.reply());
        return effects.none();
      }
      return startAfresh(new SessionJournalEvent.Reconfigured(c.spec()), Change.RECONFIGURED)
          .thenReply(c.replyTo(), s -> StatusReply.success(session.snapshot()));
    } else if (command instanceof Session.Delete c) {
      return session.edits().delete(c.replyTo());
    } else if (command instanceof Session.End c) {
      return session.edits().delete(c.replyTo());
    } else {
      String why = state.failure() != null ? state.failure() : failures.reason();
      SessionCommands.refuse(
          command, Refused.conflict("the session failed (" + why + "); reset or delete it"));
    }
    return effects.none();
  }

  /** Starts over without a trainer to checkpoint: the stored state is all there is. */
  private EffectBuilder<SessionJournalEvent, SessionRecord> startAfresh(
      SessionJournalEvent input, Change published) {
    return effects
        .persist(input)
        .thenRun(
            state -> {
              session.stored(state);
              session.rebuild(state);
              session.publishState(published);
            });
  }
}
