package io.downhill.workshop;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import io.downhill.workshop.Workshop.Command;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What a workshop asks of other entities through sharding: its participants' sessions (made,
 * halted, given a new spec, forked, ended) and the join-code directory. Answers come back to the
 * workshop as its own messages ({@link Workshop.SessionMade}, {@link Workshop.SpotlightRead},
 * {@link Workshop.CodeClaimed}). The session commands without a token are for trusted callers.
 */
final class WorkshopSessions {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final String id;
  private final ActorContext<Command> context;
  private final ClusterSharding sharding;

  WorkshopSessions(String id, ActorContext<Command> context) {
    this.id = id;
    this.context = context;
    this.sharding = ClusterSharding.get(context.getSystem());
  }

  /** Asks for a new session of {@code scenario} for the participant {@code name}. */
  void make(TrainingSpec scenario, String name, ActorRef<StatusReply<Workshop.Joined>> replyTo) {
    context.askWithStatus(
        Session.Created.class,
        session(OwnerToken.newId()),
        ASK_TIMEOUT,
        r -> new Session.Create(scenario, r),
        (created, failure) ->
            new Workshop.SessionMade(
                name,
                created,
                failure == null ? null : refusal(failure, "no session could be made: try again"),
                replyTo));
  }

  /** Reads the shown session's state, to fork it into {@code target}. */
  void readForFork(String shown, String target, ActorRef<StatusReply<Snapshot>> replyTo) {
    context.askWithStatus(
        Snapshot.class,
        session(shown),
        ASK_TIMEOUT,
        Session.GetState::new,
        (snapshot, failure) ->
            new Workshop.SpotlightRead(
                target,
                snapshot,
                failure == null ? null : refusal(failure, "the shown session is gone"),
                replyTo));
  }

  /** Gives {@code sessionId} a new spec; the session answers {@code replyTo} itself. */
  void reconfigure(String sessionId, TrainingSpec spec, ActorRef<StatusReply<Snapshot>> replyTo) {
    session(sessionId).tell(new Session.Reconfigure(spec, replyTo));
  }

  void reconfigure(String sessionId, TrainingSpec spec) {
    ActorRef<StatusReply<Snapshot>> ignore = context.getSystem().ignoreRef();
    reconfigure(sessionId, spec, ignore);
  }

  void halt(String sessionId) {
    ActorRef<StatusReply<Snapshot>> ignore = context.getSystem().ignoreRef();
    session(sessionId).tell(new Session.Halt(ignore));
  }

  void end(String sessionId) {
    ActorRef<StatusReply<Done>> ignore = context.getSystem().ignoreRef();
    session(sessionId).tell(new Session.End(ignore));
  }

  /** Asks the directory for {@code code}; the answer comes back as {@link Workshop.CodeClaimed}. */
  void claim(String code, Command then) {
    EntityRef<JoinCodes.Command> codes =
        sharding.entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID);
    context.askWithStatus(
        Done.class,
        codes,
        ASK_TIMEOUT,
        replyTo -> new JoinCodes.Claim(code, id, replyTo),
        (done, failure) ->
            new Workshop.CodeClaimed(
                code,
                failure == null ? null : refusal(failure, "no join code could be made"),
                then));
  }

  /** Gives {@code code} back to the directory (nothing for none). */
  void release(String code) {
    if (code != null) {
      sharding
          .entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID)
          .tell(new JoinCodes.Release(code, id));
    }
  }

  private EntityRef<Session.Command> session(String sessionId) {
    return sharding.entityRefFor(Session.TYPE_KEY, sessionId);
  }

  private static Refused refusal(Throwable failure, String otherwise) {
    Refused refused = Refused.of(failure);
    return refused != null ? refused : Refused.limit(otherwise);
  }
}
