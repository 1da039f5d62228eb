package io.downhill.session;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.expiry.Presence;
import io.downhill.session.SessionEvent.Change;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * A session's inputs: its creation and deletion, new parameters, a reset or a fresh start, a new
 * spec, rate or accumulation, and hand edits of the training points. Each is checked, stored with a
 * checkpoint, and answered with the state once stored.
 */
final class SessionEdits {
  private final SessionEntity session;
  private final String id;
  private final SessionRuns runs;
  private final Presence<Session.Command> presence;
  private final SessionSettings settings;
  private final EffectFactories<SessionJournalEvent, SessionRecord> effects;

  SessionEdits(
      SessionEntity session,
      String id,
      SessionRuns runs,
      Presence<Session.Command> presence,
      SessionSettings settings,
      EffectFactories<SessionJournalEvent, SessionRecord> effects) {
    this.session = session;
    this.id = id;
    this.runs = runs;
    this.presence = presence;
    this.settings = settings;
    this.effects = effects;
  }

  Effect<SessionJournalEvent, SessionRecord> onCreate(SessionRecord state, Session.Create message) {
    if (state.spec() != null) {
      message.replyTo().tell(Refused.conflict("a session with this id exists").reply());
      return effects.none();
    }
    Refused refused = Session.checkSpec(message.spec(), settings);
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      presence.leave();
      return effects.none();
    }
    String token = OwnerToken.generate();
    return effects
        .persist(
            new SessionJournalEvent.Created(
                message.spec(), OwnerToken.digest(token), System.currentTimeMillis()))
        .thenRun(session::rebuild)
        .thenReply(
            message.replyTo(),
            s -> StatusReply.success(new Session.Created(id, token, session.snapshot())));
  }

  Effect<SessionJournalEvent, SessionRecord> delete(ActorRef<StatusReply<Done>> replyTo) {
    SessionWork ended = runs.stop();
    return effects
        .persist(new SessionJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(
            state -> {
              runs.answer(ended);
              session.publishState(Change.STOPPED);
              presence.leave();
            })
        .thenReply(replyTo, s -> StatusReply.success(Done.getInstance()));
  }

  Effect<SessionJournalEvent, SessionRecord> onSetParams(Session.SetParams message) {
    Refused refused =
        SessionReads.checkParams(session.trainer(), message.params(), settings.limits());
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return effects.none();
    }
    return runs.record(
            Change.RUN_PAUSED,
            new SessionJournalEvent.ParamsSet(message.params().clone()),
            Change.PARAMS_SET,
            false)
        .thenReply(message.replyTo(), this::answer);
  }

  Effect<SessionJournalEvent, SessionRecord> onReset(Session.Reset message) {
    return runs.record(null, new SessionJournalEvent.ResetDone(), Change.RESET, true)
        .thenReply(message.replyTo(), this::answer);
  }

  Effect<SessionJournalEvent, SessionRecord> onSetLearningRate(Session.SetLearningRate message) {
    double rate = message.learningRate();
    if (!(rate > 0) || rate > settings.limits().maxMagnitude()) {
      message
          .replyTo()
          .tell(
              Refused.invalid(
                      "lr",
                      "must be a number above 0 and at most " + settings.limits().maxMagnitude())
                  .reply());
      return effects.none();
    }
    return runs.keepWorking(new SessionJournalEvent.LearningRateSet(rate), Change.LEARNING_RATE_SET)
        .thenReply(message.replyTo(), this::answer);
  }

  Effect<SessionJournalEvent, SessionRecord> onSetAccumulateGradients(
      Session.SetAccumulateGradients message) {
    return runs.keepWorking(
            new SessionJournalEvent.AccumulationSet(message.accumulate()), Change.ACCUMULATION_SET)
        .thenReply(message.replyTo(), this::answer);
  }

  Effect<SessionJournalEvent, SessionRecord> onRestart(Session.Restart message) {
    Refused refused =
        SessionReads.checkParams(session.trainer(), message.params(), settings.limits());
    if (refused == null) {
      refused = Session.checkSpec(FreshStart.from(session.trainer(), message.params()), settings);
    }
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return effects.none();
    }
    return runs.record(
            Change.RUN_PAUSED,
            new SessionJournalEvent.Reconfigured(
                FreshStart.from(session.trainer(), message.params()), true),
            Change.RESTARTED,
            true)
        .thenReply(message.replyTo(), this::answer);
  }

  Effect<SessionJournalEvent, SessionRecord> onReconfigure(Session.Reconfigure message) {
    Refused refused = Session.checkSpec(message.spec(), settings);
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return effects.none();
    }
    return runs.record(
            null, new SessionJournalEvent.Reconfigured(message.spec()), Change.RECONFIGURED, true)
        .thenReply(message.replyTo(), this::answer);
  }

  /**
   * Records a hand edit of the training points, at the current step, and goes on (a run too) on the
   * new points; refused edits change nothing.
   */
  Effect<SessionJournalEvent, SessionRecord> editPoints(
      PointEdits.Outcome edit, ActorRef<StatusReply<Snapshot>> replyTo) {
    if (edit.refused() != null) {
      replyTo.tell(edit.refused().reply());
      return effects.none();
    }
    return effects
        .persist(List.of(runs.checkpoint(), edit.event()))
        .thenRun(
            state -> {
              session.retrain(state);
              session.publishState(Change.DATA_EDITED);
            })
        .thenReply(replyTo, this::answer);
  }

  private StatusReply<Snapshot> answer(SessionRecord stored) {
    return StatusReply.success(session.snapshot());
  }
}
