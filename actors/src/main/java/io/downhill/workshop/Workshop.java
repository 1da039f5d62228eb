package io.downhill.workshop;

import io.downhill.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.registry.OwnerToken;
import io.downhill.registry.SessionRegistry;
import io.downhill.session.Refused;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * A live workshop: an instructor, a join code, and the participants, each driving a session of
 * their own made from the scenario. The instructor's commands reach this actor only after the
 * gateway checked the instructor token; a participant's fork carries their own token, checked here.
 * Lives until the instructor closes it.
 */
public final class Workshop extends AbstractBehavior<Workshop.Command> {

  /** Everything a workshop accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /**
   * Admits a participant, or returns one who rejoins with the token they were given. The code was
   * matched by the registry; here it is checked for expiry.
   */
  public record Join(
      String code, String name, String rejoinToken, ActorRef<StatusReply<Joined>> replyTo)
      implements Command {}

  /** The answer to {@link Join}: the participant's session and the token that drives it. */
  public record Joined(String workshopId, String participantId, String session, String token)
      implements DownhillSerializable {}

  public record GetState(ActorRef<WorkshopState> replyTo) implements Command {}

  /** Shows one session (or none, with null) on every screen. */
  public record Spotlight(String session, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Opens the lesson's steps 1 … {@code steps} for everyone. */
  public record OpenSteps(int steps, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** Gives every participant's session the new scenario. */
  public record PushScenario(TrainingSpec scenario, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  public record PauseAll(ActorRef<StatusReply<WorkshopState>> replyTo) implements Command {}

  /** Revokes the join code; with {@code renew}, issues a new one. */
  public record ChangeCode(boolean renew, ActorRef<StatusReply<WorkshopState>> replyTo)
      implements Command {}

  /** A participant copies the spotlighted session, at its current step, into their own. */
  public record Fork(String participantToken, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Stops every participant's session and the workshop. */
  public record Close(ActorRef<StatusReply<WorkshopState>> replyTo) implements Command {}

  public record Subscribe(ActorRef<WorkshopEvent> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<WorkshopEvent> subscriber) implements Command {}

  private record SessionMade(
      String name,
      SessionRegistry.Created created,
      Throwable failure,
      ActorRef<StatusReply<Joined>> replyTo)
      implements Command {}

  private record SpotlightRead(
      Participant participant,
      Snapshot snapshot,
      Throwable failure,
      ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  private record SubscriberGone(ActorRef<WorkshopEvent> subscriber) implements Command {}

  /** What the workshop keeps of a participant: never the token, only its digest. */
  private record Participant(
      String id,
      String name,
      String sessionId,
      ActorRef<Session.Command> session,
      byte[] tokenDigest,
      Instant joinedAt) {}

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final String id;
  private final String title;
  private final ActorRef<SessionRegistry.Command> registry;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final Map<String, Participant> participants = new LinkedHashMap<>();
  private final Set<ActorRef<WorkshopEvent>> subscribers = new LinkedHashSet<>();
  private TrainingSpec scenario;
  private int openSteps;
  private String spotlight;
  private String code;
  private Instant codeExpiresAt;
  private boolean closed;
  private int pendingJoins;
  private long seq;

  public static Behavior<Command> create(
      String id,
      String title,
      TrainingSpec scenario,
      int openSteps,
      String code,
      ActorRef<SessionRegistry.Command> registry,
      WorkshopSettings settings,
      Clock clock) {
    return Behaviors.setup(
        context ->
            new Workshop(context, id, title, scenario, openSteps, code, registry, settings, clock));
  }

  private Workshop(
      ActorContext<Command> context,
      String id,
      String title,
      TrainingSpec scenario,
      int openSteps,
      String code,
      ActorRef<SessionRegistry.Command> registry,
      WorkshopSettings settings,
      Clock clock) {
    super(context);
    this.id = id;
    this.title = title;
    this.scenario = scenario;
    this.openSteps = openSteps;
    this.code = code;
    this.registry = registry;
    this.settings = settings;
    this.clock = clock;
    this.codeExpiresAt = clock.instant().plus(settings.codeLifetime());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(SessionMade.class, this::onSessionMade)
        .onMessage(
            GetState.class,
            m -> {
              m.replyTo().tell(state());
              return this;
            })
        .onMessage(Spotlight.class, this::onSpotlight)
        .onMessage(OpenSteps.class, this::onOpenSteps)
        .onMessage(PushScenario.class, this::onPushScenario)
        .onMessage(PauseAll.class, this::onPauseAll)
        .onMessage(ChangeCode.class, this::onChangeCode)
        .onMessage(Fork.class, this::onFork)
        .onMessage(SpotlightRead.class, this::onSpotlightRead)
        .onMessage(Close.class, this::onClose)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, m -> unsubscribe(m.subscriber()))
        .onMessage(SubscriberGone.class, m -> unsubscribe(m.subscriber()))
        .build();
  }

  private Behavior<Command> onJoin(Join message) {
    if (closed) {
      message.replyTo().tell(StatusReply.error(notFound("the workshop is closed")));
      return this;
    }
    if (message.rejoinToken() != null) {
      for (Participant p : participants.values()) {
        if (OwnerToken.matches(message.rejoinToken(), p.tokenDigest())) {
          message
              .replyTo()
              .tell(
                  StatusReply.success(
                      new Joined(id, p.id(), p.sessionId(), message.rejoinToken())));
          return this;
        }
      }
    }
    if (code == null || !code.equals(message.code()) || clock.instant().isAfter(codeExpiresAt)) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.NOT_FOUND, "code", "this join code is expired or revoked")));
      return this;
    }
    String name = message.name() == null ? "" : message.name().strip();
    if (name.isEmpty()
        || name.length() > settings.maxNameLength()
        || name.codePoints().anyMatch(Character::isISOControl)) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  Refused.invalid(
                      "name",
                      "must be 1 to " + settings.maxNameLength() + " printable characters")));
      return this;
    }
    if (participants.size() + pendingJoins >= settings.maxParticipants()) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.LIMIT,
                      null,
                      "this workshop is full (" + settings.maxParticipants() + " participants)")));
      return this;
    }
    pendingJoins++;
    getContext()
        .askWithStatus(
            SessionRegistry.Created.class,
            registry,
            ASK_TIMEOUT,
            replyTo -> new SessionRegistry.Create(scenario, replyTo),
            (created, failure) -> new SessionMade(name, created, failure, message.replyTo()));
    return this;
  }

  private Behavior<Command> onSessionMade(SessionMade message) {
    pendingJoins--;
    if (message.failure() != null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  message.failure() instanceof Refused r
                      ? r
                      : new Refused(
                          Refused.Kind.LIMIT, null, "no session could be made: try again")));
      return this;
    }
    SessionRegistry.Created created = message.created();
    String participantId = "p" + (participants.size() + 1);
    participants.put(
        participantId,
        new Participant(
            participantId,
            message.name(),
            created.id(),
            created.session(),
            OwnerToken.digest(created.token()),
            clock.instant()));
    message
        .replyTo()
        .tell(StatusReply.success(new Joined(id, participantId, created.id(), created.token())));
    publish("joined");
    return this;
  }

  private Behavior<Command> onSpotlight(Spotlight message) {
    if (message.session() != null
        && participants.values().stream().noneMatch(p -> p.sessionId().equals(message.session()))) {
      message
          .replyTo()
          .tell(StatusReply.error(Refused.invalid("session", "is not a session of this workshop")));
      return this;
    }
    spotlight = message.session();
    message.replyTo().tell(StatusReply.success(publish("spotlight")));
    return this;
  }

  private Behavior<Command> onOpenSteps(OpenSteps message) {
    if (message.steps() < 1 || message.steps() > 4) {
      message.replyTo().tell(StatusReply.error(Refused.invalid("open", "must be 1 to 4")));
      return this;
    }
    openSteps = message.steps();
    message.replyTo().tell(StatusReply.success(publish("steps-opened")));
    return this;
  }

  private Behavior<Command> onPushScenario(PushScenario message) {
    scenario = message.scenario();
    ActorRef<StatusReply<Snapshot>> ignore = getContext().getSystem().ignoreRef();
    participants.values().forEach(p -> p.session().tell(new Session.Reconfigure(scenario, ignore)));
    message.replyTo().tell(StatusReply.success(publish("scenario-pushed")));
    return this;
  }

  private Behavior<Command> onPauseAll(PauseAll message) {
    ActorRef<StatusReply<Snapshot>> ignore = getContext().getSystem().ignoreRef();
    participants.values().forEach(p -> p.session().tell(new Session.Pause(ignore)));
    message.replyTo().tell(StatusReply.success(publish("paused-all")));
    return this;
  }

  private Behavior<Command> onChangeCode(ChangeCode message) {
    String old = code;
    code = message.renew() ? JoinCode.generate() : null;
    codeExpiresAt = clock.instant().plus(settings.codeLifetime());
    registry.tell(new SessionRegistry.WorkshopCodeChanged(id, old, code));
    message.replyTo().tell(StatusReply.success(publish("code-changed")));
    return this;
  }

  private Behavior<Command> onFork(Fork message) {
    Participant participant = null;
    for (Participant p : participants.values()) {
      if (OwnerToken.matches(message.participantToken(), p.tokenDigest())) {
        participant = p;
      }
    }
    if (participant == null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.NOT_FOUND, "Authorization", "not a participant here")));
      return this;
    }
    Participant shown =
        participants.values().stream()
            .filter(p -> p.sessionId().equals(spotlight))
            .findFirst()
            .orElse(null);
    if (shown == null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.CONFLICT, null, "no session is shown to fork")));
      return this;
    }
    Participant forking = participant;
    getContext()
        .ask(
            Snapshot.class,
            shown.session(),
            ASK_TIMEOUT,
            Session.GetState::new,
            (snapshot, failure) ->
                new SpotlightRead(forking, snapshot, failure, message.replyTo()));
    return this;
  }

  private Behavior<Command> onSpotlightRead(SpotlightRead message) {
    if (message.failure() != null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.CONFLICT, null, "the shown session is gone")));
      return this;
    }
    Snapshot shown = message.snapshot();
    // The fork starts from the shown session's spec at its current parameters.
    message
        .participant()
        .session()
        .tell(new Session.Reconfigure(shown.spec().withInit(shown.params()), message.replyTo()));
    publish("forked");
    return this;
  }

  private Behavior<Command> onClose(Close message) {
    closed = true;
    String old = code;
    code = null;
    registry.tell(new SessionRegistry.WorkshopCodeChanged(id, old, null));
    ActorRef<StatusReply<org.apache.pekko.Done>> ignore = getContext().getSystem().ignoreRef();
    participants
        .values()
        .forEach(p -> registry.tell(new SessionRegistry.StopSession(p.sessionId(), ignore)));
    WorkshopState last = publish("closed");
    message.replyTo().tell(StatusReply.success(last));
    return Behaviors.stopped();
  }

  private Behavior<Command> onSubscribe(Subscribe message) {
    if (subscribers.add(message.subscriber())) {
      getContext().watchWith(message.subscriber(), new SubscriberGone(message.subscriber()));
    }
    message.subscriber().tell(new WorkshopEvent(id, seq, "subscribed", state()));
    return this;
  }

  private Behavior<Command> unsubscribe(ActorRef<WorkshopEvent> subscriber) {
    if (subscribers.remove(subscriber)) {
      getContext().unwatch(subscriber);
    }
    return this;
  }

  private WorkshopState publish(String change) {
    seq++;
    WorkshopState state = state();
    WorkshopEvent event = new WorkshopEvent(id, seq, change, state);
    subscribers.forEach(subscriber -> subscriber.tell(event));
    return state;
  }

  private WorkshopState state() {
    List<WorkshopState.Participant> list = new ArrayList<>();
    participants
        .values()
        .forEach(
            p ->
                list.add(
                    new WorkshopState.Participant(p.id(), p.name(), p.sessionId(), p.joinedAt())));
    return new WorkshopState(
        id, seq, title, scenario, openSteps, spotlight, code, codeExpiresAt, closed, list);
  }

  private static Refused notFound(String message) {
    return new Refused(Refused.Kind.NOT_FOUND, null, message);
  }
}
