package io.downhill.workshop;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * A workshop's participants: joining (checked by {@link Admission}, then a session made for each),
 * rejoining with a token, forking the shown session into one's own, and being removed.
 */
final class WorkshopParticipants {
  private final String id;
  private final WorkshopSessions sessions;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish;
  private final EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects;

  /**
   * Names of joins whose session is being made: they count as taken, and toward the room's size.
   */
  private final List<String> joining = new ArrayList<>();

  WorkshopParticipants(
      String id,
      WorkshopSessions sessions,
      WorkshopSettings settings,
      Clock clock,
      BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish,
      EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects) {
    this.id = id;
    this.sessions = sessions;
    this.settings = settings;
    this.clock = clock;
    this.publish = publish;
    this.effects = effects;
  }

  /** No join is waiting for its session. */
  boolean noneJoining() {
    return joining.isEmpty();
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onRemoveParticipant(
      WorkshopRecord state, Workshop.RemoveParticipant message) {
    WorkshopRecord.Participant removed =
        state.participants().stream()
            .filter(p -> p.id().equals(message.participantId()))
            .findFirst()
            .orElse(null);
    if (removed == null) {
      message
          .replyTo()
          .tell(Refused.notFound("participant", "no such participant in this workshop").reply());
      return effects.none();
    }
    return effects
        .persist(new WorkshopJournalEvent.ParticipantRemoved(removed.id()))
        .thenRun(
            s -> {
              sessions.end(removed.sessionId());
              message
                  .replyTo()
                  .tell(
                      StatusReply.success(
                          publish.apply(s, WorkshopEvent.Change.PARTICIPANT_REMOVED)));
            });
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onJoin(WorkshopRecord state, Workshop.Join message) {
    if (state.closed()) {
      message.replyTo().tell(Refused.notFound(null, "the workshop is closed").reply());
      return effects.none();
    }
    if (message.rejoinToken() != null) {
      for (WorkshopRecord.Participant p : state.participants()) {
        if (OwnerToken.matches(message.rejoinToken(), p.tokenDigest())) {
          message
              .replyTo()
              .tell(
                  StatusReply.success(
                      new Workshop.Joined(id, p.id(), p.sessionId(), message.rejoinToken())));
          return effects.none();
        }
      }
    }
    Refused refused =
        Admission.check(state, message.code(), message.name(), joining, settings, clock.instant());
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return effects.none();
    }
    String name = message.name().strip();
    joining.add(name);
    sessions.make(state.scenario(), name, message.replyTo());
    return effects.none();
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onSessionMade(
      WorkshopRecord state, Workshop.SessionMade message) {
    joining.remove(message.name());
    if (message.refused() != null) {
      message.replyTo().tell(message.refused().reply());
      return effects.none();
    }
    Session.Created created = message.created();
    String participantId = "p" + (state.participants().size() + 1);
    WorkshopRecord.Participant participant =
        new WorkshopRecord.Participant(
            participantId,
            message.name(),
            created.id(),
            OwnerToken.digest(created.token()),
            clock.instant());
    return effects
        .persist(new WorkshopJournalEvent.ParticipantJoined(participant))
        .thenRun(s -> publish.apply(s, WorkshopEvent.Change.JOINED))
        .thenReply(
            message.replyTo(),
            s ->
                StatusReply.success(
                    new Workshop.Joined(id, participantId, created.id(), created.token())));
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onFork(WorkshopRecord state, Workshop.Fork message) {
    WorkshopRecord.Participant forking = null;
    for (WorkshopRecord.Participant p : state.participants()) {
      if (OwnerToken.matches(message.participantToken(), p.tokenDigest())) {
        forking = p;
      }
    }
    if (forking == null) {
      message.replyTo().tell(Refused.notFound("Authorization", "not a participant here").reply());
      return effects.none();
    }
    boolean shown =
        state.spotlight() != null
            && state.participants().stream().anyMatch(p -> p.sessionId().equals(state.spotlight()));
    if (!shown) {
      message.replyTo().tell(Refused.conflict("no session is shown to fork").reply());
      return effects.none();
    }
    String target = forking.sessionId();
    sessions.readForFork(state.spotlight(), target, message.replyTo());
    return effects.none();
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onSpotlightRead(Workshop.SpotlightRead message) {
    if (message.refused() != null) {
      message.replyTo().tell(Refused.conflict("the shown session is gone").reply());
      return effects.none();
    }
    Snapshot shown = message.snapshot();
    // The fork starts from the shown session's spec at its current parameters.
    sessions.reconfigure(
        message.participantSession(), shown.spec().withInit(shown.params()), message.replyTo());
    return effects.none();
  }
}
