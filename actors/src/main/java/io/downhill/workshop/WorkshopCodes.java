package io.downhill.workshop;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * A workshop's join codes: each is claimed in the {@link JoinCodes} directory before it is stored
 * and handed out (so two workshops never share one), and the old one is released once the new one
 * is stored. Opening a workshop is its first claim.
 */
final class WorkshopCodes {
  private final String id;
  private final WorkshopSessions sessions;
  private final WorkshopSubscribers subscribers;
  private final WorkshopLifetime lifetime;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final Function<WorkshopRecord, WorkshopState> view;
  private final BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish;
  private final EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects;

  WorkshopCodes(
      String id,
      WorkshopSessions sessions,
      WorkshopSubscribers subscribers,
      WorkshopLifetime lifetime,
      WorkshopSettings settings,
      Clock clock,
      Function<WorkshopRecord, WorkshopState> view,
      BiFunction<WorkshopRecord, WorkshopEvent.Change, WorkshopState> publish,
      EffectFactories<WorkshopJournalEvent, WorkshopRecord> effects) {
    this.id = id;
    this.sessions = sessions;
    this.subscribers = subscribers;
    this.lifetime = lifetime;
    this.settings = settings;
    this.clock = clock;
    this.view = view;
    this.publish = publish;
    this.effects = effects;
  }

  /** A new code: claimed first when {@code renew}, otherwise the code is withdrawn at once. */
  Effect<WorkshopJournalEvent, WorkshopRecord> onChangeCode(
      WorkshopRecord state, Workshop.ChangeCode change) {
    if (change.renew()) {
      sessions.claim(JoinCode.generate(), change);
      return effects.none();
    }
    return newCode(state, null, change.replyTo());
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onOpen(WorkshopRecord state, Workshop.Open open) {
    if (state.opened()) {
      open.replyTo().tell(Refused.conflict("a workshop with this id exists").reply());
      return effects.none();
    }
    sessions.claim(JoinCode.generate(), open);
    return effects.none();
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> onCodeClaimed(
      WorkshopRecord state, Workshop.CodeClaimed claimed) {
    if (claimed.then() instanceof Workshop.Open open) {
      if (claimed.refused() != null) {
        open.replyTo().tell(claimed.refused().reply());
        return effects.none();
      }
      String token = OwnerToken.generate();
      return effects
          .persist(
              new WorkshopJournalEvent.Opened(
                  open.title(),
                  open.scenario(),
                  open.openSteps(),
                  claimed.code(),
                  clock.instant().plus(settings.codeLifetime()),
                  OwnerToken.digest(token),
                  clock.instant().plus(settings.maxLifetime())))
          .thenRun(
              s -> {
                subscribers.storedAt(s.seq());
                lifetime.remindAt(s.endsAt());
              })
          .thenReply(
              open.replyTo(),
              s -> StatusReply.success(new Workshop.Opened(id, s.code(), token, view.apply(s))));
    }
    if (claimed.then() instanceof Workshop.ChangeCode change) {
      if (claimed.refused() != null) {
        change.replyTo().tell(claimed.refused().reply());
        return effects.none();
      }
      return newCode(state, claimed.code(), change.replyTo());
    }
    return effects.none();
  }

  Effect<WorkshopJournalEvent, WorkshopRecord> newCode(
      WorkshopRecord state, String code, ActorRef<StatusReply<WorkshopState>> replyTo) {
    String old = state.code();
    return effects
        .persist(
            new WorkshopJournalEvent.CodeChanged(
                code, clock.instant().plus(settings.codeLifetime())))
        .thenRun(s -> sessions.release(old))
        .thenRun(
            s ->
                replyTo.tell(
                    StatusReply.success(publish.apply(s, WorkshopEvent.Change.CODE_CHANGED))));
  }
}
