package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.cluster.Nodes;
import io.downhill.expiry.Presence;
import io.downhill.expiry.Reminders;
import io.downhill.sweep.Sweep.Command;
import java.time.Duration;
import org.apache.pekko.Done;
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
 * The behaviour of a {@link Sweep}. While it is in memory its batches hold the tensors ({@link
 * SweepGroups}); its journal holds the lock-steps each batch reached (now and then while running,
 * and at every pause and finish), and on recovery the batches train there again before going on.
 * Subscribers are in {@link SweepSubscribers}, leaving memory in {@link Presence}.
 */
final class SweepEntity extends EventSourcedBehavior<Command, SweepJournalEvent, SweepRecord> {
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final long CHECKPOINT_NANOS = Duration.ofSeconds(1).toNanos();

  private final String id;
  private final ActorContext<Command> context;
  private final Sweep.SweepSettings settings;
  private final SweepSubscribers subscribers;
  private final Presence<Command> presence;
  private final SweepGroups groups;
  private long lastCheckpointNanos;

  SweepEntity(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      Sweep.SweepSettings settings,
      NDManager parent) {
    super(
        Sweep.persistenceId(id),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.id = id;
    this.context = context;
    this.settings = settings;
    this.subscribers = new SweepSubscribers(id, context);
    this.presence =
        new Presence<>(
            context,
            shard,
            Reminders.target(Sweep.TYPE_KEY, id),
            settings.session().passivateAfter(),
            settings.session().idleExpiry(),
            null);
    this.groups = new SweepGroups(context, timers, settings, parent);
    timers.startTimerWithFixedDelay("tick", Sweep.Tick.INSTANCE, TICK);
  }

  @Override
  public SweepRecord emptyState() {
    return SweepRecord.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<SweepRecord, SweepJournalEvent> eventHandler() {
    return SweepRecord::apply;
  }

  @Override
  public SignalHandler<SweepRecord> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::recover).build();
  }

  @Override
  public CommandHandler<Command, SweepJournalEvent, SweepRecord> commandHandler() {
    return this::handle;
  }

  private Effect<SweepJournalEvent, SweepRecord> handle(SweepRecord state, Command command) {
    if (command instanceof Sweep.Tick) {
      return onTick(state);
    }
    if (command instanceof Sweep.ChunkDone done) {
      return onChunk(state, done.chunk());
    }
    if (command == Sweep.PaceTick.INSTANCE) {
      if (state.live()) {
        groups.onPace();
      }
      return Effect().none();
    }
    if (command == Sweep.ExpireIfIdle.INSTANCE) {
      return presence.expiresOnReminder(state.live(), unused()) ? expire() : Effect().none();
    }
    // Reads by anyone who knows the id do not keep a sweep from its idle expiry.
    presence.heard(!(command instanceof Sweep.GetState || command instanceof Sweep.GetCurves));
    if (command == Sweep.Passivate.INSTANCE) {
      return Effect().stop();
    }
    if (command instanceof Sweep.SubscriberTerminated gone) {
      subscribers.unsubscribe(gone.subscriber());
      return Effect().none();
    }
    if (command instanceof Sweep.Unsubscribe u) {
      subscribers.unsubscribe(u.subscriber());
      return Effect().none();
    }
    if (command instanceof Sweep.Create create) {
      return onCreate(state, create);
    }
    if (!state.live()) {
      SweepReplies.refuse(command, Refused.notFound("id", "no sweep " + id));
      presence.passivate();
      return Effect().none();
    }
    if (command instanceof Sweep.GetState get) {
      get.replyTo().tell(StatusReply.success(state()));
    } else if (command instanceof Sweep.GetCurves get) {
      get.replyTo().tell(StatusReply.success(groups.curves().export(state())));
    } else if (command instanceof Sweep.Subscribe s) {
      subscribers.subscribe(s, this::state);
    } else if (!OwnerToken.matches(SweepReplies.ownerToken(command), state.ownerDigest())) {
      SweepReplies.refuse(
          command, Refused.forbidden("Authorization", "this token does not own the sweep"));
    } else if (command instanceof Sweep.Run run) {
      return onRun(run);
    } else if (command instanceof Sweep.Pause pause) {
      return onPause(pause);
    } else if (command instanceof Sweep.Reset reset) {
      return onReset(reset);
    } else if (command instanceof Sweep.Delete delete) {
      return onDelete(delete);
    }
    return Effect().none();
  }

  private Effect<SweepJournalEvent, SweepRecord> onCreate(SweepRecord state, Sweep.Create create) {
    if (state.spec() != null) {
      create.replyTo().tell(Refused.conflict("a sweep with this id exists").reply());
      return Effect().none();
    }
    Refused refused =
        create
            .spec()
            .check(
                settings.session().limits(),
                settings.maxVariants(),
                settings.session().maxRunSteps(),
                settings.maxTotalSteps());
    if (refused != null) {
      create.replyTo().tell(refused.reply());
      presence.passivate();
      return Effect().none();
    }
    String token = OwnerToken.generate();
    return Effect()
        .persist(
            new SweepJournalEvent.Created(
                create.spec(), OwnerToken.digest(token), System.currentTimeMillis()))
        .thenRun(this::recover)
        .thenReply(
            create.replyTo(), s -> StatusReply.success(new Sweep.Created(id, token, state())));
  }

  private Effect<SweepJournalEvent, SweepRecord> onRun(Sweep.Run run) {
    return Effect()
        .persist(new SweepJournalEvent.RunStarted(groups.groupSteps()))
        .thenRun(
            s -> {
              groups.run();
              lastCheckpointNanos = System.nanoTime();
              publishState(SweepEvent.Change.RUN_STARTED);
            })
        .thenReply(run.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onPause(Sweep.Pause pause) {
    groups.pause();
    return Effect()
        .persist(new SweepJournalEvent.RunPaused(groups.groupSteps()))
        .thenRun(s -> publishState(SweepEvent.Change.RUN_PAUSED))
        .thenReply(pause.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onReset(Sweep.Reset reset) {
    groups.reset();
    return Effect()
        .persist(new SweepJournalEvent.ResetDone())
        .thenRun(s -> publishState(SweepEvent.Change.RESET))
        .thenReply(reset.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onDelete(Sweep.Delete delete) {
    groups.stop();
    return Effect()
        .persist(new SweepJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(
            s -> {
              publishState(SweepEvent.Change.STOPPED);
              presence.passivate();
            })
        .thenReply(delete.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onChunk(
      SweepRecord state, SweepBatch.Chunk chunk) {
    if (!state.live()) {
      return Effect().none();
    }
    SweepGroups.ChunkOutcome outcome = groups.take(chunk, subscribers, this::state);
    if (outcome == SweepGroups.ChunkOutcome.FINISHED) {
      return Effect()
          .persist(new SweepJournalEvent.Finished(groups.groupSteps()))
          .thenRun(s -> publishState(SweepEvent.Change.RUN_FINISHED));
    }
    boolean due = System.nanoTime() - lastCheckpointNanos > CHECKPOINT_NANOS;
    if (outcome == SweepGroups.ChunkOutcome.STEPPED && (due || !groups.running())) {
      // After a pause the batches may still finish a chunk: store where they really stopped.
      lastCheckpointNanos = System.nanoTime();
      return Effect().persist(new SweepJournalEvent.Progressed(groups.groupSteps()));
    }
    return Effect().none();
  }

  /** Builds the batches for the record's spec and trains them back to the record's steps. */
  private void recover(SweepRecord state) {
    if (!state.live()) {
      return;
    }
    groups.build(state);
    lastCheckpointNanos = System.nanoTime();
  }

  private Effect<SweepJournalEvent, SweepRecord> onTick(SweepRecord state) {
    long now = System.nanoTime();
    subscribers.expire(now, settings.session().subscriptionLease());
    return presence.tick(state.live(), unused(), now) ? expire() : Effect().none();
  }

  /** Not running and nobody watching. */
  private boolean unused() {
    return !groups.running() && subscribers.isEmpty();
  }

  /** Deletes a sweep nobody commanded or watched for the idle expiry. */
  private Effect<SweepJournalEvent, SweepRecord> expire() {
    return Effect()
        .persist(new SweepJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(expired -> presence.passivate());
  }

  private void publishState(SweepEvent.Change change) {
    subscribers.publishState(change, this::state);
  }

  private SweepState state() {
    return groups.state(id, subscribers.seq(), Nodes.self(context.getSystem()));
  }
}
