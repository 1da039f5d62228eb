package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.cluster.Nodes;
import io.downhill.expiry.Presence;
import io.downhill.expiry.Reminders;
import io.downhill.numerics.training.Trainer;
import io.downhill.session.Session.Command;
import io.downhill.session.SessionEvent.Change;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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
 * The behaviour of a {@link Session}: an event-sourced entity whose journal holds its inputs and
 * checkpoints, and whose live {@link Trainer} is rebuilt from them when it comes back into memory.
 *
 * <p>This class dispatches commands and signals; the trainer is held by {@link SessionTrainer}, the
 * work slot is in {@link SessionRuns} and its chunks in {@link SessionChunks}, the inputs in {@link
 * SessionEdits}, the reads in {@link SessionReads}, the subscribers in {@link SessionSubscribers},
 * failures in {@link FailedSession} and leaving memory in {@link Presence}. Every reply to a
 * command that changes something is sent after its events are stored.
 */
final class SessionEntity
    extends EventSourcedBehavior<Command, SessionJournalEvent, SessionRecord> {
  private static final Object TICK_TIMER = "tick";
  private static final Duration TICK = Duration.ofSeconds(1);

  private final String id;
  private final ActorContext<Command> context;
  private final SessionSettings settings;
  private final String node;
  private final Failures failures;
  private final SessionSubscribers subscribers;
  private final Presence<Command> presence;
  private final SessionReads reads;
  private final SessionRuns runs;
  private final SessionEdits edits;
  private final FailedSession failed;
  private final SessionTrainer live;
  private SessionRecord current = SessionRecord.EMPTY;

  SessionEntity(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String id,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SessionSettings settings,
      NDManager parentManager,
      Failures failures) {
    super(
        Session.persistenceId(id),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    this.id = id;
    this.context = context;
    this.settings = settings;
    this.failures = failures;
    this.node = Nodes.self(context.getSystem());
    this.live = new SessionTrainer(settings, parentManager, failures);
    this.subscribers = new SessionSubscribers(id, context);
    this.presence =
        new Presence<>(
            context,
            shard,
            Reminders.target(Session.TYPE_KEY, id),
            settings.passivateAfter(),
            settings.idleExpiry(),
            Session.Passivate.INSTANCE);
    this.reads = new SessionReads(id, context, settings, parentManager);
    this.runs = new SessionRuns(this, context, timers, settings, subscribers, Effect());
    this.edits = new SessionEdits(this, id, runs, presence, settings, Effect());
    this.failed = new FailedSession(this, context, runs, subscribers, settings, failures, Effect());
    timers.startTimerWithFixedDelay(TICK_TIMER, Session.Tick.INSTANCE, TICK);
  }

  @Override
  public SessionRecord emptyState() {
    return SessionRecord.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Snapshots keep recovery short; events stay, so a run can be replayed to any step.
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<SessionRecord, SessionJournalEvent> eventHandler() {
    return SessionRecord::apply;
  }

  @Override
  public SignalHandler<SessionRecord> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(PreRestart.instance(), this::onPreRestart)
        .onSignal(PostStop.instance(), state -> release())
        .build();
  }

  @Override
  public CommandHandler<Command, SessionJournalEvent, SessionRecord> commandHandler() {
    return this::handle;
  }

  /** Handles a command; a failure is counted (with its reason) before the restart it causes. */
  private Effect<SessionJournalEvent, SessionRecord> handle(SessionRecord state, Command command) {
    current = state;
    try {
      return handleCommand(state, command);
    } catch (RuntimeException failure) {
      failed.count(Failures.describe(failure));
      throw failure;
    }
  }

  private Effect<SessionJournalEvent, SessionRecord> handleCommand(
      SessionRecord state, Command command) {
    if (command instanceof Session.Tick) {
      return onTick(state);
    }
    if (command instanceof Session.Continue c) {
      return runs.onContinue(c);
    }
    if (command == Session.ExpireIfIdle.INSTANCE) {
      return onExpireIfIdle(state);
    }
    if (command instanceof Session.Fail f) {
      return failed.onFail(state, f);
    }
    presence.heard(SessionCommands.keepsAlive(command));
    if (command == Session.Passivate.INSTANCE) {
      return runs.onPassivate(state);
    }
    if (command instanceof Session.SubscriberTerminated t) {
      subscribers.unsubscribe(t.subscriber());
      return Effect().none();
    }
    if (command instanceof Session.Create c) {
      return edits.onCreate(state, c);
    }
    if (!state.live()) {
      SessionCommands.refuse(command, Refused.notFound("id", "no session " + id));
      presence.leave();
      return Effect().none();
    }
    if (SessionCommands.ownerOnly(command)) {
      Refused refused = SessionCommands.checkOwner(state, SessionCommands.tokenOf(command));
      if (refused != null) {
        SessionCommands.refuse(command, refused);
        return Effect().none();
      }
    }
    Trainer trainer = live.trainer();
    if (trainer == null) {
      return failed.handle(state, command);
    }
    if (command instanceof Session.GetState c) {
      c.replyTo().tell(StatusReply.success(snapshot()));
    } else if (command instanceof Session.GetHistory c) {
      reads.history(trainer, live.history(), c);
    } else if (command instanceof Session.GetAt c) {
      reads.at(trainer, live.history(), c);
    } else if (command instanceof Session.GetData c) {
      reads.data(trainer, c);
    } else if (command instanceof Session.Evaluate c) {
      reads.evaluate(trainer, c);
    } else if (command instanceof Session.Subscribe c) {
      subscribers.subscribe(c, this::snapshot);
    } else if (command instanceof Session.Unsubscribe c) {
      subscribers.unsubscribe(c.subscriber());
    } else if (command instanceof Session.SetParams c) {
      return edits.onSetParams(c);
    } else if (command instanceof Session.Step c) {
      return runs.onStep(c);
    } else if (command instanceof Session.Run c) {
      return runs.onRun(c);
    } else if (command instanceof Session.Pause c) {
      return runs.onPause(c.replyTo());
    } else if (command instanceof Session.Halt c) {
      return runs.onPause(c.replyTo());
    } else if (command instanceof Session.Reset c) {
      return edits.onReset(c);
    } else if (command instanceof Session.Restart c) {
      return edits.onRestart(c);
    } else if (command instanceof Session.SetLearningRate c) {
      return edits.onSetLearningRate(c);
    } else if (command instanceof Session.SetAccumulateGradients c) {
      return edits.onSetAccumulateGradients(c);
    } else if (command instanceof Session.Reconfigure c) {
      return edits.onReconfigure(c);
    } else if (command instanceof Session.AddPoint c) {
      return edits.editPoints(PointEdits.add(trainer, c, settings.limits()), c.replyTo());
    } else if (command instanceof Session.MovePoint c) {
      return edits.editPoints(PointEdits.move(trainer, c, settings.limits()), c.replyTo());
    } else if (command instanceof Session.RemovePoint c) {
      return edits.editPoints(PointEdits.remove(trainer, c), c.replyTo());
    } else if (command instanceof Session.RestorePoints c) {
      return edits.editPoints(PointEdits.restore(), c.replyTo());
    } else if (command instanceof Session.Delete c) {
      return edits.delete(c.replyTo());
    } else if (command instanceof Session.End c) {
      return edits.delete(c.replyTo());
    } else if (command instanceof Session.InjectFailure c) {
      failures.injectRebuildFailures(c.rebuildFailures());
      throw new IllegalStateException("failure injected into session " + id);
    }
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> onTick(SessionRecord state) {
    long now = System.nanoTime();
    subscribers.expire(now, settings.subscriptionLease());
    return presence.tick(state.live(), unused(), now) ? expire() : Effect().none();
  }

  /** Deletes a session nobody commanded or watched for the idle expiry (see Presence). */
  private Effect<SessionJournalEvent, SessionRecord> onExpireIfIdle(SessionRecord state) {
    return presence.expiresOnReminder(state.live(), unused()) ? expire() : Effect().none();
  }

  /** No work under way and nobody watching. */
  private boolean unused() {
    return runs.idle() && subscribers.isEmpty();
  }

  private Effect<SessionJournalEvent, SessionRecord> expire() {
    return Effect()
        .persist(new SessionJournalEvent.Expired(System.currentTimeMillis()))
        .thenRun(expired -> presence.leave());
  }

  private void onRecovered(SessionRecord state) {
    current = state;
    failed.recoveryStarted();
    if (!state.live()) {
      return;
    }
    subscribers.recoveredAt(state.seq());
    if (state.failure() != null) {
      return; // stays failed, without a trainer, until reset, reconfigured or deleted
    }
    if (failed.rebuildAfterRecovery(state)) {
      runs.resume(state);
    }
  }

  /** A restart: a failure not seen by the command handler (one after a write) still counts. */
  private SessionRecord onPreRestart(SessionRecord state) {
    failed.count(null);
    return release();
  }

  /** The record as last seen, for the snapshot of a session without a trainer. */
  void stored(SessionRecord state) {
    current = state;
  }

  SessionEdits edits() {
    return edits;
  }

  Trainer trainer() {
    return live.trainer();
  }

  StepHistory history() {
    return live.history();
  }

  /** A new trainer for the record's spec, at the record's trainer state, and a new history. */
  void rebuild(SessionRecord state) {
    live.rebuild(state);
  }

  /** A new trainer on the record's training points, going on from where the last one was. */
  void retrain(SessionRecord state) {
    current = state;
    live.retrain(state);
  }

  void publishState(Change change) {
    subscribers.publishState(change, this::snapshot);
  }

  Snapshot snapshot() {
    Trainer trainer = live.trainer();
    if (trainer == null) {
      return SessionSnapshots.stored(id, subscribers.seq(), current, node, failures.reason());
    }
    return SessionSnapshots.live(
        id, subscribers.seq(), trainer, !runs.idle(), runs.remaining(), node);
  }

  private SessionRecord release() {
    runs.released();
    live.close();
    return null;
  }
}
