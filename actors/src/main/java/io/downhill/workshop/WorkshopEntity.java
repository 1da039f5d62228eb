package io.downhill.workshop;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.cluster.Nodes;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import io.downhill.watch.Watchers;
import io.downhill.workshop.Workshop.Command;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The behaviour of a {@link Workshop}: an event-sourced entity that keeps who joined and how the
 * room is set, claims its join codes in {@link JoinCodes}, and steers its participants' sessions
 * through sharding. Replies to changes are sent once their events are stored.
 */
final class WorkshopEntity
    extends EventSourcedBehavior<Command, WorkshopJournalEvent, WorkshopRecord> {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TICK = Duration.ofSeconds(1);

  private final String id;
  private final ActorContext<Command> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final WorkshopLifetime lifetime;
  private final ClusterSharding sharding;
  private final Watchers<WorkshopEvent> watchers = new Watchers<>();

  /**
   * Names of joins whose session is being made: they count as taken, and toward the room's size.
   */
  private final List<String> pendingNames = new ArrayList<>();

  private long seq;
  private long lastActivityNanos = System.nanoTime();
  private boolean passivating;

  WorkshopEntity(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      WorkshopSettings settings,
      Clock clock) {
    super(
        Workshop.persistenceId(id),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.id = id;
    this.context = context;
    this.shard = shard;
    this.settings = settings;
    this.clock = clock;
    this.sharding = ClusterSharding.get(context.getSystem());
    this.lifetime = new WorkshopLifetime(context.getSystem(), id, shard != null, settings);
    timers.startTimerWithFixedDelay("tick", Workshop.Tick.INSTANCE, TICK);
  }

  @Override
  public WorkshopRecord emptyState() {
    return WorkshopRecord.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<WorkshopRecord, WorkshopJournalEvent> eventHandler() {
    return WorkshopRecord::apply;
  }

  @Override
  public SignalHandler<WorkshopRecord> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> seq = state.seq())
        .build();
  }

  @Override
  public CommandHandler<Command, WorkshopJournalEvent, WorkshopRecord> commandHandler() {
    return this::handle;
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> handle(WorkshopRecord state, Command c) {
    if (c instanceof Workshop.Tick) {
      return onTick(state);
    }
    if (c == Workshop.LifetimeDue.INSTANCE) {
      return onLifetimeDue(state);
    }
    lastActivityNanos = System.nanoTime();
    if (c == Workshop.Passivate.INSTANCE) {
      return Effect().stop();
    }
    if (c instanceof Workshop.Open open) {
      return onOpen(state, open);
    }
    if (c instanceof Workshop.CodeClaimed claimed) {
      return onCodeClaimed(state, claimed);
    }
    if (c instanceof Workshop.SubscriberGone gone) {
      return unsubscribe(gone.subscriber());
    }
    if (c instanceof Workshop.Unsubscribe u) {
      return unsubscribe(u.subscriber());
    }
    if (!state.opened()) {
      refuse(c, Refused.notFound("id", "no workshop " + id));
      passivate();
      return Effect().none();
    }
    if (c instanceof Workshop.GetState get) {
      boolean instructor = OwnerToken.matches(get.token(), state.instructorDigest());
      get.replyTo().tell(StatusReply.success(new Workshop.Seen(view(state), instructor)));
      return Effect().none();
    }
    if (c instanceof Workshop.Subscribe s) {
      return onSubscribe(state, s);
    }
    if (c instanceof Workshop.Join join) {
      return onJoin(state, join);
    }
    if (c instanceof Workshop.SessionMade made) {
      return onSessionMade(state, made);
    }
    if (c instanceof Workshop.Fork fork) {
      return onFork(state, fork);
    }
    if (c instanceof Workshop.SpotlightRead read) {
      return onSpotlightRead(read);
    }
    String token = WorkshopReplies.instructorToken(c);
    if (!OwnerToken.matches(token, state.instructorDigest())) {
      refuse(c, Refused.forbidden("Authorization", "only the instructor may do this"));
      return Effect().none();
    }
    if (state.closed()) {
      refuse(c, Refused.notFound("id", "the workshop is closed"));
      return Effect().none();
    }
    if (c instanceof Workshop.Spotlight s) {
      if (s.session() != null
          && state.participants().stream().noneMatch(p -> p.sessionId().equals(s.session()))) {
        s.replyTo().tell(Refused.invalid("session", "is not a session of this workshop").reply());
        return Effect().none();
      }
      return change(new WorkshopJournalEvent.SpotlightSet(s.session()), "spotlight", s.replyTo());
    }
    if (c instanceof Workshop.OpenSteps o) {
      if (o.steps() < 1 || o.steps() > 4) {
        o.replyTo().tell(Refused.invalid("open", "must be 1 to 4").reply());
        return Effect().none();
      }
      return change(new WorkshopJournalEvent.StepsOpened(o.steps()), "steps-opened", o.replyTo());
    }
    if (c instanceof Workshop.PushScenario p) {
      return onPushScenario(state, p);
    }
    if (c instanceof Workshop.PauseAll p) {
      ActorRef<StatusReply<Snapshot>> ignore = context.getSystem().ignoreRef();
      state.participants().forEach(x -> session(x.sessionId()).tell(new Session.Halt(ignore)));
      p.replyTo().tell(StatusReply.success(publish(state, "paused-all")));
      return Effect().none();
    }
    if (c instanceof Workshop.ChangeCode change) {
      if (change.renew()) {
        claim(JoinCode.generate(), change);
        return Effect().none();
      }
      return newCode(state, null, change.replyTo());
    }
    if (c instanceof Workshop.Close close) {
      return onClose(state, close);
    }
    if (c instanceof Workshop.Extend extend) {
      return onExtend(state, extend);
    }
    if (c instanceof Workshop.RemoveParticipant remove) {
      return onRemoveParticipant(state, remove);
    }
    return Effect().none();
  }

  /**
   * The workshop's reminder came due: an open workshop past its end closes, a closed one past its
   * day is removed; one given more time meanwhile waits for its new end.
   */
  private Effect<WorkshopJournalEvent, WorkshopRecord> onLifetimeDue(WorkshopRecord state) {
    if (!state.opened()) {
      passivate();
      return Effect().none();
    }
    Instant now = clock.instant();
    if (!state.closed()) {
      if (state.endsAt() == null || now.isBefore(state.endsAt())) {
        lifetime.remindAt(state.endsAt());
        return Effect().none();
      }
      return close(state, "closed", null);
    }
    Instant goneAt = lifetime.goneAt(state);
    if (now.isBefore(goneAt)) {
      lifetime.remindAt(goneAt);
      return Effect().none();
    }
    return Effect()
        .persist(new WorkshopJournalEvent.Removed(now))
        .thenRun(
            s -> {
              publish(s, "removed");
              passivate();
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onExtend(
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
      return Effect().none();
    }
    return Effect()
        .persist(new WorkshopJournalEvent.LifetimeExtended(endsAt))
        .thenRun(
            s -> {
              lifetime.remindAt(endsAt);
              message.replyTo().tell(StatusReply.success(publish(s, "extended")));
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onRemoveParticipant(
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
      return Effect().none();
    }
    return Effect()
        .persist(new WorkshopJournalEvent.ParticipantRemoved(removed.id()))
        .thenRun(
            s -> {
              ActorRef<StatusReply<Done>> ignore = context.getSystem().ignoreRef();
              session(removed.sessionId()).tell(new Session.End(ignore));
              message.replyTo().tell(StatusReply.success(publish(s, "participant-removed")));
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onOpen(
      WorkshopRecord state, Workshop.Open open) {
    if (state.opened()) {
      open.replyTo().tell(Refused.conflict("a workshop with this id exists").reply());
      return Effect().none();
    }
    claim(JoinCode.generate(), open);
    return Effect().none();
  }

  /** Asks the directory for {@code code}; the answer comes back as {@link Workshop.CodeClaimed}. */
  private void claim(String code, Command then) {
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

  private Effect<WorkshopJournalEvent, WorkshopRecord> onCodeClaimed(
      WorkshopRecord state, Workshop.CodeClaimed claimed) {
    if (claimed.then() instanceof Workshop.Open open) {
      if (claimed.refused() != null) {
        open.replyTo().tell(claimed.refused().reply());
        return Effect().none();
      }
      String token = OwnerToken.generate();
      return Effect()
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
                seq = s.seq();
                lifetime.remindAt(s.endsAt());
              })
          .thenReply(
              open.replyTo(),
              s -> StatusReply.success(new Workshop.Opened(id, s.code(), token, view(s))));
    }
    if (claimed.then() instanceof Workshop.ChangeCode change) {
      if (claimed.refused() != null) {
        change.replyTo().tell(claimed.refused().reply());
        return Effect().none();
      }
      return newCode(state, claimed.code(), change.replyTo());
    }
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> newCode(
      WorkshopRecord state, String code, ActorRef<StatusReply<WorkshopState>> replyTo) {
    String old = state.code();
    return Effect()
        .persist(
            new WorkshopJournalEvent.CodeChanged(
                code, clock.instant().plus(settings.codeLifetime())))
        .thenRun(s -> release(old))
        .thenRun(s -> replyTo.tell(StatusReply.success(publish(s, "code-changed"))));
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onJoin(
      WorkshopRecord state, Workshop.Join message) {
    if (state.closed()) {
      message.replyTo().tell(Refused.notFound(null, "the workshop is closed").reply());
      return Effect().none();
    }
    if (message.rejoinToken() != null) {
      for (WorkshopRecord.Participant p : state.participants()) {
        if (OwnerToken.matches(message.rejoinToken(), p.tokenDigest())) {
          message
              .replyTo()
              .tell(
                  StatusReply.success(
                      new Workshop.Joined(id, p.id(), p.sessionId(), message.rejoinToken())));
          return Effect().none();
        }
      }
    }
    Refused refused =
        Admission.check(
            state, message.code(), message.name(), pendingNames, settings, clock.instant());
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return Effect().none();
    }
    String name = message.name().strip();
    pendingNames.add(name);
    context.askWithStatus(
        Session.Created.class,
        session(OwnerToken.newId()),
        ASK_TIMEOUT,
        replyTo -> new Session.Create(state.scenario(), replyTo),
        (created, failure) ->
            new Workshop.SessionMade(
                name,
                created,
                failure == null ? null : refusal(failure, "no session could be made: try again"),
                message.replyTo()));
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onSessionMade(
      WorkshopRecord state, Workshop.SessionMade message) {
    pendingNames.remove(message.name());
    if (message.refused() != null) {
      message.replyTo().tell(message.refused().reply());
      return Effect().none();
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
    return Effect()
        .persist(new WorkshopJournalEvent.ParticipantJoined(participant))
        .thenRun(s -> publish(s, "joined"))
        .thenReply(
            message.replyTo(),
            s ->
                StatusReply.success(
                    new Workshop.Joined(id, participantId, created.id(), created.token())));
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onPushScenario(
      WorkshopRecord state, Workshop.PushScenario message) {
    return Effect()
        .persist(new WorkshopJournalEvent.ScenarioPushed(message.scenario()))
        .thenRun(
            s -> {
              ActorRef<StatusReply<Snapshot>> ignore = context.getSystem().ignoreRef();
              s.participants()
                  .forEach(
                      p ->
                          session(p.sessionId())
                              .tell(new Session.Reconfigure(s.scenario(), ignore)));
              message.replyTo().tell(StatusReply.success(publish(s, "scenario-pushed")));
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onFork(
      WorkshopRecord state, Workshop.Fork message) {
    WorkshopRecord.Participant forking = null;
    for (WorkshopRecord.Participant p : state.participants()) {
      if (OwnerToken.matches(message.participantToken(), p.tokenDigest())) {
        forking = p;
      }
    }
    if (forking == null) {
      message.replyTo().tell(Refused.notFound("Authorization", "not a participant here").reply());
      return Effect().none();
    }
    boolean shown =
        state.spotlight() != null
            && state.participants().stream().anyMatch(p -> p.sessionId().equals(state.spotlight()));
    if (!shown) {
      message.replyTo().tell(Refused.conflict("no session is shown to fork").reply());
      return Effect().none();
    }
    String target = forking.sessionId();
    context.askWithStatus(
        Snapshot.class,
        session(state.spotlight()),
        ASK_TIMEOUT,
        Session.GetState::new,
        (snapshot, failure) ->
            new Workshop.SpotlightRead(
                target,
                snapshot,
                failure == null ? null : refusal(failure, "the shown session is gone"),
                message.replyTo()));
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onSpotlightRead(
      Workshop.SpotlightRead message) {
    if (message.refused() != null) {
      message.replyTo().tell(Refused.conflict("the shown session is gone").reply());
      return Effect().none();
    }
    Snapshot shown = message.snapshot();
    // The fork starts from the shown session's spec at its current parameters.
    session(message.participantSession())
        .tell(new Session.Reconfigure(shown.spec().withInit(shown.params()), message.replyTo()));
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onClose(
      WorkshopRecord state, Workshop.Close message) {
    return close(state, "closed", message.replyTo());
  }

  /** Closes the room: the code is released, every session ends, the day of keeping begins. */
  private Effect<WorkshopJournalEvent, WorkshopRecord> close(
      WorkshopRecord state, String change, ActorRef<StatusReply<WorkshopState>> replyTo) {
    String old = state.code();
    return Effect()
        .persist(new WorkshopJournalEvent.Closed(clock.instant()))
        .thenRun(
            s -> {
              release(old);
              ActorRef<StatusReply<Done>> ignore = context.getSystem().ignoreRef();
              s.participants().forEach(p -> session(p.sessionId()).tell(new Session.End(ignore)));
              WorkshopState view = publish(s, change);
              lifetime.remindAt(lifetime.goneAt(s));
              if (replyTo != null) {
                replyTo.tell(StatusReply.success(view));
              }
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onSubscribe(
      WorkshopRecord state, Workshop.Subscribe message) {
    if (watchers.renew(message.subscriber(), System.nanoTime())) {
      context.watchWith(message.subscriber(), new Workshop.SubscriberGone(message.subscriber()));
      String change = message.renewal() ? "recovered" : "subscribed";
      message.subscriber().tell(new WorkshopEvent(id, seq, change, view(state)));
    }
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> unsubscribe(
      ActorRef<WorkshopEvent> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onTick(WorkshopRecord state) {
    long now = System.nanoTime();
    for (ActorRef<WorkshopEvent> gone : watchers.expire(now, leaseNanos())) {
      context.unwatch(gone);
    }
    boolean idle =
        watchers.isEmpty()
            && pendingNames.isEmpty()
            && now - lastActivityNanos > settings.passivateAfter().toNanos();
    if (idle) {
      passivate();
    }
    return Effect().none();
  }

  /** Records one change of the room, then tells everyone and answers with the new state. */
  private Effect<WorkshopJournalEvent, WorkshopRecord> change(
      WorkshopJournalEvent event, String name, ActorRef<StatusReply<WorkshopState>> replyTo) {
    return Effect()
        .persist(event)
        .thenRun(s -> replyTo.tell(StatusReply.success(publish(s, name))));
  }

  private void release(String code) {
    if (code != null) {
      sharding
          .entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID)
          .tell(new JoinCodes.Release(code, id));
    }
  }

  private EntityRef<Session.Command> session(String sessionId) {
    return sharding.entityRefFor(Session.TYPE_KEY, sessionId);
  }

  private WorkshopState publish(WorkshopRecord state, String change) {
    seq++;
    WorkshopState view = view(state);
    watchers.publish(new WorkshopEvent(id, seq, change, view));
    return view;
  }

  private WorkshopState view(WorkshopRecord state) {
    List<WorkshopState.Participant> list = new ArrayList<>();
    for (WorkshopRecord.Participant p : state.participants()) {
      list.add(new WorkshopState.Participant(p.id(), p.name(), p.sessionId(), p.joinedAt()));
    }
    Instant expires = state.codeExpiresAt();
    return new WorkshopState(
        id,
        seq,
        state.title(),
        state.scenario(),
        state.openSteps(),
        state.spotlight(),
        state.code(),
        expires,
        state.closed(),
        list,
        Nodes.self(context.getSystem()),
        state.endsAt());
  }

  private long leaseNanos() {
    return settings.subscriptionLease().toNanos();
  }

  private void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  private static Refused refusal(Throwable failure, String otherwise) {
    Refused refused = Refused.of(failure);
    return refused != null ? refused : Refused.limit(otherwise);
  }

  @SuppressWarnings("unchecked")
  private static void refuse(Command command, Refused refused) {
    ActorRef<?> replyTo = WorkshopReplies.replyTo(command);
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }
}
