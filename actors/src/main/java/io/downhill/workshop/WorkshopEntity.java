package io.downhill.workshop;

import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.cluster.Nodes;
import io.downhill.workshop.Workshop.Command;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
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
  private static final Duration TICK = Duration.ofSeconds(1);

  private final String id;
  private final ActorContext<Command> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final WorkshopSettings settings;
  private final Clock clock;
  private final WorkshopLifetime lifetime;
  private final WorkshopSessions sessions;
  private final WorkshopSubscribers subscribers;
  private final WorkshopParticipants participants;
  private final WorkshopCodes codes;
  private final WorkshopEnding ending;
  private final String node;

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
    this.lifetime = new WorkshopLifetime(context.getSystem(), id, shard != null, settings);
    this.sessions = new WorkshopSessions(id, context);
    this.subscribers = new WorkshopSubscribers(id, context);
    this.participants =
        new WorkshopParticipants(id, sessions, settings, clock, this::publish, Effect());
    this.node = Nodes.self(context.getSystem());
    this.codes =
        new WorkshopCodes(
            id,
            sessions,
            subscribers,
            lifetime,
            settings,
            clock,
            this::view,
            this::publish,
            Effect());
    this.ending =
        new WorkshopEnding(
            lifetime, sessions, settings, clock, this::publish, this::passivate, Effect());
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
        .onSignal(RecoveryCompleted.instance(), state -> subscribers.storedAt(state.seq()))
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
      return ending.onLifetimeDue(state);
    }
    lastActivityNanos = System.nanoTime();
    if (c == Workshop.Passivate.INSTANCE) {
      return Effect().stop();
    }
    if (c instanceof Workshop.Open open) {
      return codes.onOpen(state, open);
    }
    if (c instanceof Workshop.CodeClaimed claimed) {
      return codes.onCodeClaimed(state, claimed);
    }
    if (c instanceof Workshop.SubscriberTerminated gone) {
      subscribers.unsubscribe(gone.subscriber());
      return Effect().none();
    }
    if (c instanceof Workshop.Unsubscribe u) {
      subscribers.unsubscribe(u.subscriber());
      return Effect().none();
    }
    if (!state.opened()) {
      WorkshopReplies.refuse(c, Refused.notFound("id", "no workshop " + id));
      passivate();
      return Effect().none();
    }
    if (c instanceof Workshop.GetState get) {
      boolean instructor = OwnerToken.matches(get.token(), state.instructorDigest());
      get.replyTo().tell(StatusReply.success(new Workshop.Seen(view(state), instructor)));
      return Effect().none();
    }
    if (c instanceof Workshop.Subscribe s) {
      subscribers.subscribe(s, () -> view(state));
      return Effect().none();
    }
    if (c instanceof Workshop.Join join) {
      return participants.onJoin(state, join);
    }
    if (c instanceof Workshop.SessionMade made) {
      return participants.onSessionMade(state, made);
    }
    if (c instanceof Workshop.Fork fork) {
      return participants.onFork(state, fork);
    }
    if (c instanceof Workshop.SpotlightRead read) {
      return participants.onSpotlightRead(read);
    }
    String token = WorkshopReplies.instructorToken(c);
    if (!OwnerToken.matches(token, state.instructorDigest())) {
      WorkshopReplies.refuse(
          c, Refused.forbidden("Authorization", "only the instructor may do this"));
      return Effect().none();
    }
    if (state.closed()) {
      WorkshopReplies.refuse(c, Refused.notFound("id", "the workshop is closed"));
      return Effect().none();
    }
    if (c instanceof Workshop.Spotlight s) {
      if (s.session() != null
          && state.participants().stream().noneMatch(p -> p.sessionId().equals(s.session()))) {
        s.replyTo().tell(Refused.invalid("session", "is not a session of this workshop").reply());
        return Effect().none();
      }
      return change(
          new WorkshopJournalEvent.SpotlightSet(s.session()),
          WorkshopEvent.Change.SPOTLIGHT,
          s.replyTo());
    }
    if (c instanceof Workshop.OpenSteps o) {
      if (o.steps() < 1 || o.steps() > 4) {
        o.replyTo().tell(Refused.invalid("open", "must be 1 to 4").reply());
        return Effect().none();
      }
      return change(
          new WorkshopJournalEvent.StepsOpened(o.steps()),
          WorkshopEvent.Change.STEPS_OPENED,
          o.replyTo());
    }
    if (c instanceof Workshop.PushScenario p) {
      return onPushScenario(state, p);
    }
    if (c instanceof Workshop.PauseAll p) {
      state.participants().forEach(x -> sessions.halt(x.sessionId()));
      p.replyTo().tell(StatusReply.success(publish(state, WorkshopEvent.Change.PAUSED_ALL)));
      return Effect().none();
    }
    if (c instanceof Workshop.ChangeCode change) {
      return codes.onChangeCode(state, change);
    }
    if (c instanceof Workshop.Close close) {
      return ending.onClose(state, close);
    }
    if (c instanceof Workshop.Extend extend) {
      return ending.onExtend(state, extend);
    }
    if (c instanceof Workshop.RemoveParticipant remove) {
      return participants.onRemoveParticipant(state, remove);
    }
    return Effect().none();
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onPushScenario(
      WorkshopRecord state, Workshop.PushScenario message) {
    return Effect()
        .persist(new WorkshopJournalEvent.ScenarioPushed(message.scenario()))
        .thenRun(
            s -> {
              s.participants().forEach(p -> sessions.reconfigure(p.sessionId(), s.scenario()));
              message
                  .replyTo()
                  .tell(StatusReply.success(publish(s, WorkshopEvent.Change.SCENARIO_PUSHED)));
            });
  }

  private Effect<WorkshopJournalEvent, WorkshopRecord> onTick(WorkshopRecord state) {
    long now = System.nanoTime();
    subscribers.expire(now, settings.subscriptionLease());
    boolean idle =
        subscribers.isEmpty()
            && participants.noneJoining()
            && now - lastActivityNanos > settings.passivateAfter().toNanos();
    if (idle) {
      passivate();
    }
    return Effect().none();
  }

  /** Records one change of the room, then tells everyone and answers with the new state. */
  private Effect<WorkshopJournalEvent, WorkshopRecord> change(
      WorkshopJournalEvent event,
      WorkshopEvent.Change name,
      ActorRef<StatusReply<WorkshopState>> replyTo) {
    return Effect()
        .persist(event)
        .thenRun(s -> replyTo.tell(StatusReply.success(publish(s, name))));
  }

  private WorkshopState view(WorkshopRecord state) {
    return WorkshopViews.of(id, subscribers.seq(), state, node);
  }

  private WorkshopState publish(WorkshopRecord state, WorkshopEvent.Change change) {
    return subscribers.publish(change, () -> view(state));
  }

  private void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }
}
