package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.numerics.training.Divergence;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.session.Session.Command;
import io.downhill.session.SessionEvent.Change;
import io.downhill.session.SessionJournalEvent.Checkpoint;
import io.downhill.watch.Watchers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
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
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The behaviour of a {@link Session}: an event-sourced entity whose journal holds its inputs and
 * checkpoints, and whose live {@link Trainer} is rebuilt from them when it comes back into memory.
 *
 * <p>Long work is cut into chunks of at most {@code slice-budget} each; between chunks the session
 * handles whatever else arrived, so pause, a new learning rate or new parameters take effect at
 * once. A step request and a run share the one work slot: at most one is under way. Every reply to
 * a command that changes something is sent after its events are stored.
 */
final class SessionEntity
    extends EventSourcedBehavior<Command, SessionJournalEvent, SessionRecord> {
  private static final Object PACING_TIMER = "pacing";
  private static final Object TICK_TIMER = "tick";
  private static final Duration TICK = Duration.ofSeconds(1);

  /**
   * How far the sequence numbers jump when a session comes back from its journal. Watchers may have
   * seen events after the last checkpoint (at most a second of chunks, far fewer than this), so
   * numbers never repeat and the jump shows as the gap it is.
   */
  static final long RECOVERY_SEQ_GAP = 1_000_000;

  /** The most bytes of steps in one published event, well under Artery's 256 KiB frames. */
  static final int MAX_EVENT_BYTES = 100_000;

  private final String id;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final SessionSettings settings;
  private final NDManager parentManager;
  private final Watchers<SessionEvent> watchers = new Watchers<>();
  private final String node;
  private Trainer trainer;
  private StepHistory history;
  private SessionWork work;
  private long seq;
  private long jobs;
  private long lastActivityNanos = System.nanoTime();
  private long lastActivityMillis = System.currentTimeMillis();
  private boolean usedSinceStart;
  private long lastCheckpointNanos;
  private boolean passivating;
  private final Failures failures;
  private final SessionMeters meters;
  private boolean failureCounted;
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
    this.timers = timers;
    this.shard = shard;
    this.settings = settings;
    this.parentManager = parentManager;
    this.failures = failures;
    this.meters = SessionMeters.get(context.getSystem());
    this.node = io.downhill.cluster.Nodes.self(context.getSystem());
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
      countFailure(Failures.describe(failure));
      throw failure;
    }
  }

  private Effect<SessionJournalEvent, SessionRecord> handleCommand(
      SessionRecord state, Command command) {
    if (command instanceof Session.Tick) {
      return onTick(state);
    }
    if (command instanceof Session.Continue c) {
      return onContinue(c);
    }
    if (command == Session.ExpireIfIdle.INSTANCE) {
      return onExpireIfIdle(state);
    }
    if (command instanceof Session.Fail f) {
      return onFail(state, f);
    }
    lastActivityNanos = System.nanoTime();
    if (Session.keepsAlive(command)) {
      lastActivityMillis = System.currentTimeMillis();
      usedSinceStart = true;
    }
    if (command == Session.Passivate.INSTANCE) {
      // Leaving memory mid-run (a node shutting down, a shard moving): store where the run is,
      // so it goes on from here rather than remaking up to a second of steps.
      if (work != null && state.live()) {
        SessionWork leaving = stopWork();
        return Effect().persist(checkpoint()).thenRun(s -> answerStepRequest(leaving)).thenStop();
      }
      return Effect().stop();
    }
    if (command instanceof Session.SubscriberTerminated t) {
      return unsubscribe(t.subscriber());
    }
    if (command instanceof Session.Create c) {
      return onCreate(state, c);
    }
    if (!state.live()) {
      refuse(command, Refused.notFound("id", "no session " + id));
      leave();
      return Effect().none();
    }
    if (Session.ownerOnly(command)) {
      Refused refused = Session.checkOwner(state, Session.tokenOf(command));
      if (refused != null) {
        refuse(command, refused);
        return Effect().none();
      }
    }
    if (trainer == null) {
      return whileFailed(state, command);
    }
    if (command instanceof Session.GetState c) {
      c.replyTo().tell(StatusReply.success(snapshot()));
    } else if (command instanceof Session.GetHistory c) {
      onGetHistory(c);
    } else if (command instanceof Session.GetAt c) {
      onGetAt(c);
    } else if (command instanceof Session.GetData c) {
      c.replyTo()
          .tell(
              StatusReply.success(
                  new Session.Data(
                      trainer.dataset().x(),
                      trainer.dataset().y(),
                      trainer.validation().x(),
                      trainer.validation().y())));
    } else if (command instanceof Session.Evaluate c) {
      onEvaluate(c);
    } else if (command instanceof Session.Subscribe c) {
      return onSubscribe(c);
    } else if (command instanceof Session.Unsubscribe c) {
      return unsubscribe(c.subscriber());
    } else if (command instanceof Session.SetParams c) {
      return onSetParams(c);
    } else if (command instanceof Session.Step c) {
      return onStep(c);
    } else if (command instanceof Session.Run c) {
      return onRun(c);
    } else if (command instanceof Session.Pause c) {
      return onPause(c.replyTo());
    } else if (command instanceof Session.Halt c) {
      return onPause(c.replyTo());
    } else if (command instanceof Session.Reset c) {
      return record(null, new SessionJournalEvent.ResetDone(), Change.RESET, true)
          .thenReply(c.replyTo(), s -> StatusReply.success(snapshot()));
    } else if (command instanceof Session.Restart c) {
      return onRestart(c);
    } else if (command instanceof Session.SetLearningRate c) {
      return onSetLearningRate(c);
    } else if (command instanceof Session.SetAccumulateGradients c) {
      return keepWorking(
              new SessionJournalEvent.AccumulationSet(c.accumulate()), Change.ACCUMULATION_SET)
          .thenReply(c.replyTo(), s -> StatusReply.success(snapshot()));
    } else if (command instanceof Session.Reconfigure c) {
      return onReconfigure(c);
    } else if (command instanceof Session.AddPoint c) {
      return editPoints(PointEdits.add(trainer, c, settings.limits()), c.replyTo());
    } else if (command instanceof Session.MovePoint c) {
      return editPoints(PointEdits.move(trainer, c, settings.limits()), c.replyTo());
    } else if (command instanceof Session.RemovePoint c) {
      return editPoints(PointEdits.remove(trainer, c), c.replyTo());
    } else if (command instanceof Session.RestorePoints c) {
      return editPoints(PointEdits.restore(), c.replyTo());
    } else if (command instanceof Session.Delete c) {
      return delete(c.replyTo());
    } else if (command instanceof Session.End c) {
      return delete(c.replyTo());
    } else if (command instanceof Session.InjectFailure c) {
      failures.injectRebuildFailures(c.rebuildFailures());
      throw new IllegalStateException("failure injected into session " + id);
    }
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> onCreate(
      SessionRecord state, Session.Create message) {
    if (state.spec() != null) {
      message.replyTo().tell(Refused.conflict("a session with this id exists").reply());
      return Effect().none();
    }
    Refused refused = Session.checkSpec(message.spec(), settings);
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      leave();
      return Effect().none();
    }
    String token = OwnerToken.generate();
    return Effect()
        .persist(
            new SessionJournalEvent.Created(
                message.spec(), OwnerToken.digest(token), System.currentTimeMillis()))
        .thenRun(this::rebuild)
        .thenReply(
            message.replyTo(),
            s -> StatusReply.success(new Session.Created(id, token, snapshot())));
  }

  /**
   * A page of the kept steps of the current run. After a restart or passivation the session
   * remembers none, so the page's steps alone are recomputed from the journal.
   */
  private void onGetHistory(Session.GetHistory message) {
    if (message.from() < 0 || message.limit() < 1) {
      String field = message.from() < 0 ? "from" : "limit";
      message
          .replyTo()
          .tell(Refused.invalid(field, "must be a whole number of at least 0").reply());
      return;
    }
    long now = trainer.completedSteps();
    List<String> names = trainer.model().parameterNames();
    if (history.seen() == now) {
      message
          .replyTo()
          .tell(StatusReply.success(history.page(id, names, message.from(), message.limit())));
      return;
    }
    long kept = Math.max(1, now - settings.historyLimit() + 1);
    long from = Math.max(kept, message.from());
    long to = from > now ? now : Math.min(now, from + message.limit() - 1);
    ActorRef<StatusReply<StepHistory.History>> replyTo = message.replyTo();
    if (from > to) {
      replyTo.tell(
          StatusReply.success(StepHistory.History.of(id, names, kept - 1, now, List.of())));
      return;
    }
    replay(
        from,
        to,
        result ->
            replyTo.tell(
                result.refused() != null
                    ? result.refused().reply()
                    : StatusReply.success(
                        StepHistory.History.of(id, names, kept - 1, now, result.steps()))));
  }

  private void onGetAt(Session.GetAt message) {
    long now = trainer.completedSteps();
    if (message.step() < 0 || message.step() > now) {
      message
          .replyTo()
          .tell(Refused.invalid("step", "must be a step of this run, from 0 to " + now).reply());
      return;
    }
    Optional<StepRecord> kept =
        message.step() == 0 ? Optional.empty() : history.find(message.step());
    if (kept.isPresent()) {
      message.replyTo().tell(StatusReply.success(kept.get()));
      return;
    }
    ActorRef<StatusReply<StepRecord>> replyTo = message.replyTo();
    replay(
        message.step(),
        message.step(),
        result ->
            replyTo.tell(
                result.refused() != null
                    ? result.refused().reply()
                    : result.steps().isEmpty()
                        ? Refused.invalid("step", "the run diverged before this step").reply()
                        : StatusReply.success(result.steps().get(0))));
  }

  private void replay(long from, long to, java.util.function.Consumer<Replay.Result> answer) {
    String readJournal =
        context.getSystem().settings().config().getString("downhill.persistence.read-journal");
    context.spawnAnonymous(
        Replay.create(id, from, to, settings, parentManager, readJournal, answer));
  }

  private void onEvaluate(Session.Evaluate message) {
    Refused refused = checkParams(message.params());
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return;
    }
    double[] params = message.params();
    double[][] curve = trainer.curve(params);
    double[] grad = GradientProbe.at(trainer, parentManager, params);
    message
        .replyTo()
        .tell(
            StatusReply.success(
                new Session.Evaluation(trainer.evaluate(params), grad, curve[0], curve[1])));
  }

  private Effect<SessionJournalEvent, SessionRecord> onSetParams(Session.SetParams message) {
    Refused refused = checkParams(message.params());
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return Effect().none();
    }
    return record(
            Change.RUN_PAUSED,
            new SessionJournalEvent.ParamsSet(message.params().clone()),
            Change.PARAMS_SET,
            false)
        .thenReply(message.replyTo(), s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onStep(Session.Step message) {
    if (message.count() < 1 || message.count() > settings.maxStepRequest()) {
      message
          .replyTo()
          .tell(
              Refused.invalid(
                      "count", "must be a whole number from 1 to " + settings.maxStepRequest())
                  .reply());
      return Effect().none();
    }
    if (work != null) {
      message.replyTo().tell(Refused.conflict("the session is running; pause it first").reply());
      return Effect().none();
    }
    startWork(new SessionWork(++jobs, message.count(), 0, message.replyTo()));
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> onRun(Session.Run message) {
    if (message.count() < 1 || message.count() > settings.maxRunSteps()) {
      message
          .replyTo()
          .tell(
              Refused.invalid("count", "must be a whole number from 1 to " + settings.maxRunSteps())
                  .reply());
      return Effect().none();
    }
    if (!(message.stepsPerSecond() >= 0) || message.stepsPerSecond() > 1e6) {
      message
          .replyTo()
          .tell(Refused.invalid("stepsPerSecond", "must be a number from 0 to 1000000").reply());
      return Effect().none();
    }
    if (work != null && work.stepReplyTo != null) {
      message.replyTo().tell(Refused.conflict("a step request is under way; wait for it").reply());
      return Effect().none();
    }
    stopWork();
    return Effect()
        .persist(
            List.of(
                checkpoint(),
                new SessionJournalEvent.RunStarted(message.count(), message.stepsPerSecond())))
        .thenRun(
            state -> {
              resumeRun(state);
              publishState(Change.RUN_STARTED);
            })
        .thenReply(message.replyTo(), s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onPause(
      ActorRef<StatusReply<Snapshot>> replyTo) {
    if (work == null) {
      replyTo.tell(StatusReply.success(snapshot()));
      return Effect().none();
    }
    return record(Change.RUN_PAUSED, null, null, false)
        .thenReply(replyTo, s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onSetLearningRate(
      Session.SetLearningRate message) {
    double rate = message.learningRate();
    if (!(rate > 0) || rate > settings.limits().maxMagnitude()) {
      message
          .replyTo()
          .tell(
              Refused.invalid(
                      "lr",
                      "must be a number above 0 and at most " + settings.limits().maxMagnitude())
                  .reply());
      return Effect().none();
    }
    return keepWorking(new SessionJournalEvent.LearningRateSet(rate), Change.LEARNING_RATE_SET)
        .thenReply(message.replyTo(), s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onRestart(Session.Restart message) {
    Refused refused = checkParams(message.params());
    if (refused == null) {
      refused = Session.checkSpec(FreshStart.from(trainer, message.params()), settings);
    }
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return Effect().none();
    }
    return record(
            Change.RUN_PAUSED,
            new SessionJournalEvent.Reconfigured(FreshStart.from(trainer, message.params()), true),
            Change.RESTARTED,
            true)
        .thenReply(message.replyTo(), s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onReconfigure(Session.Reconfigure message) {
    Refused refused = Session.checkSpec(message.spec(), settings);
    if (refused != null) {
      message.replyTo().tell(refused.reply());
      return Effect().none();
    }
    return record(
            null, new SessionJournalEvent.Reconfigured(message.spec()), Change.RECONFIGURED, true)
        .thenReply(message.replyTo(), s -> StatusReply.success(snapshot()));
  }

  private Effect<SessionJournalEvent, SessionRecord> delete(ActorRef<StatusReply<Done>> replyTo) {
    SessionWork ended = stopWork();
    return Effect()
        .persist(new SessionJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(
            state -> {
              answerStepRequest(ended);
              publishState(Change.STOPPED);
              leave();
            })
        .thenReply(replyTo, s -> StatusReply.success(Done.getInstance()));
  }

  private Effect<SessionJournalEvent, SessionRecord> onSubscribe(Session.Subscribe message) {
    ActorRef<SessionEvent> subscriber = message.subscriber();
    if (watchers.renew(subscriber, System.nanoTime())) {
      context.watchWith(subscriber, new Session.SubscriberTerminated(subscriber));
      Snapshot now = snapshot();
      Change change = message.renewal() ? Change.RECOVERED : Change.SUBSCRIBED;
      subscriber.tell(new SessionEvent.StateChanged(id, now.seq(), change, now));
    }
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> unsubscribe(
      ActorRef<SessionEvent> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> onTick(SessionRecord state) {
    long now = System.nanoTime();
    for (ActorRef<SessionEvent> gone :
        watchers.expire(now, settings.subscriptionLease().toNanos())) {
      context.unwatch(gone);
    }
    boolean idle =
        work == null
            && watchers.isEmpty()
            && now - lastActivityNanos > settings.passivateAfter().toNanos();
    if (!state.live()) {
      leave();
    } else if (work == null && watchers.isEmpty() && unusedForExpiry()) {
      return expire(); // read often enough to stay in memory, but used by nobody
    } else if (idle) {
      leaveReminder();
      passivate();
    }
    return Effect().none();
  }

  private Effect<SessionJournalEvent, SessionRecord> onContinue(Session.Continue message) {
    if (work == null || work.id != message.job()) {
      return Effect().none(); // a chunk of work that was paused or replaced meanwhile
    }
    return runChunk();
  }

  /**
   * Records an input: a checkpoint at the current step, why the work under way ended (when the
   * input ends it), and the input itself, in one write. Once stored, the live trainer takes the
   * stored state, and watchers hear of each change.
   */
  private EffectBuilder<SessionJournalEvent, SessionRecord> record(
      Change endsWorkAs, SessionJournalEvent input, Change published, boolean newTrajectory) {
    SessionWork ended = stopWork();
    List<SessionJournalEvent> events = new ArrayList<>();
    events.add(checkpoint());
    boolean endedRun = ended != null && endsWorkAs != null;
    if (endedRun) {
      events.add(new SessionJournalEvent.RunEnded(endsWorkAs));
    }
    if (input != null) {
      events.add(input);
    }
    return Effect()
        .persist(events)
        .thenRun(
            state -> {
              if (endedRun) {
                publishState(endsWorkAs);
              }
              if (newTrajectory) {
                rebuild(state);
              } else {
                trainer.restore(state.trainer());
              }
              if (published != null) {
                publishState(published);
              }
              answerStepRequest(ended);
            });
  }

  /**
   * Records a hand edit of the training points, at the current step, and goes on (a run too) on the
   * new points; refused edits change nothing.
   */
  private Effect<SessionJournalEvent, SessionRecord> editPoints(
      PointEdits.Outcome edit, ActorRef<StatusReply<Snapshot>> replyTo) {
    if (edit.refused() != null) {
      replyTo.tell(edit.refused().reply());
      return Effect().none();
    }
    return Effect()
        .persist(List.of(checkpoint(), edit.event()))
        .thenRun(
            state -> {
              current = state;
              Trainer previous = trainer;
              trainer = trainerFor(state);
              previous.close();
              publishState(Change.DATA_EDITED);
            })
        .thenReply(replyTo, s -> StatusReply.success(snapshot()));
  }

  /** Records an input that leaves the work under way going (a new rate, the accumulation). */
  private EffectBuilder<SessionJournalEvent, SessionRecord> keepWorking(
      SessionJournalEvent input, Change published) {
    return Effect()
        .persist(List.of(checkpoint(), input))
        .thenRun(
            state -> {
              trainer.restore(state.trainer());
              publishState(published);
            });
  }

  private void onRecovered(SessionRecord state) {
    current = state;
    // A journal failure during recovery restarts this same behaviour object, not a new one: each
    // recovery is a new attempt, whose failure counts.
    failureCounted = false;
    if (!state.live()) {
      return;
    }
    seq = state.seq() + RECOVERY_SEQ_GAP;
    if (state.failure() != null) {
      return; // stays failed, without a trainer, until reset, reconfigured or deleted
    }
    long now = System.nanoTime();
    if (failures.exhausted(now)) {
      context.getSelf().tell(new Session.Fail(failures.reason()));
      return;
    }
    try {
      rebuild(state);
    } catch (RuntimeException failure) {
      countFailure(Failures.describe(failure));
      if (failures.exhausted(now)) {
        context.getSelf().tell(new Session.Fail(failures.reason()));
        return;
      }
      throw failure;
    }
    resumeRun(state);
  }

  private void countFailure(String reason) {
    if (!failureCounted) {
      failureCounted = true;
      failures.record(System.nanoTime(), reason);
    }
  }

  /** A restart: a failure not seen by the command handler (one after a write) still counts. */
  private SessionRecord onPreRestart(SessionRecord state) {
    countFailure(null);
    return release();
  }

  /** Records that the session failed for good: its run ends, its watchers are told. */
  private Effect<SessionJournalEvent, SessionRecord> onFail(
      SessionRecord state, Session.Fail message) {
    if (!state.live() || state.failure() != null) {
      return Effect().none();
    }
    SessionWork ended = stopWork();
    return Effect()
        .persist(new SessionJournalEvent.Failed(message.reason(), System.currentTimeMillis()))
        .thenRun(
            next -> {
              current = next;
              answerStepRequest(ended);
              publishState(Change.FAILED);
            });
  }

  /**
   * A failed session has no trainer: it shows its stored state, and takes only what can end the
   * failure (reset, a new spec, delete) or needs no trainer (watching, pausing).
   */
  private Effect<SessionJournalEvent, SessionRecord> whileFailed(
      SessionRecord state, Command command) {
    if (command instanceof Session.GetState c) {
      c.replyTo().tell(StatusReply.success(snapshot()));
    } else if (command instanceof Session.Subscribe c) {
      return onSubscribe(c);
    } else if (command instanceof Session.Unsubscribe c) {
      return unsubscribe(c.subscriber());
    } else if (command instanceof Session.Pause c) {
      c.replyTo().tell(StatusReply.success(snapshot()));
    } else if (command instanceof Session.Halt c) {
      c.replyTo().tell(StatusReply.success(snapshot()));
    } else if (command instanceof Session.Reset c) {
      return startAfresh(new SessionJournalEvent.ResetDone(), Change.RESET)
          .thenReply(c.replyTo(), s -> StatusReply.success(snapshot()));
    } else if (command instanceof Session.Reconfigure c) {
      Refused refused = Session.checkSpec(c.spec(), settings);
      if (refused != null) {
        c.replyTo().tell(refused.reply());
        return Effect().none();
      }
      return startAfresh(new SessionJournalEvent.Reconfigured(c.spec()), Change.RECONFIGURED)
          .thenReply(c.replyTo(), s -> StatusReply.success(snapshot()));
    } else if (command instanceof Session.Delete c) {
      return delete(c.replyTo());
    } else if (command instanceof Session.End c) {
      return delete(c.replyTo());
    } else {
      String why = state.failure() != null ? state.failure() : failures.reason();
      refuse(command, Refused.conflict("the session failed (" + why + "); reset or delete it"));
    }
    return Effect().none();
  }

  /** Starts over without a trainer to checkpoint: the stored state is all there is. */
  private EffectBuilder<SessionJournalEvent, SessionRecord> startAfresh(
      SessionJournalEvent input, Change published) {
    return Effect()
        .persist(input)
        .thenRun(
            state -> {
              current = state;
              rebuild(state);
              publishState(published);
            });
  }

  /**
   * Deletes a session nobody commanded or watched for the idle expiry. A session woken by its
   * reminder alone was idle all along; one used since keeps going (it leaves a new reminder when it
   * next goes idle).
   */
  private Effect<SessionJournalEvent, SessionRecord> onExpireIfIdle(SessionRecord state) {
    if (!state.live()) {
      leave();
      return Effect().none();
    }
    boolean idle = work == null && watchers.isEmpty() && (!usedSinceStart || unusedForExpiry());
    return idle ? expire() : Effect().none();
  }

  private boolean unusedForExpiry() {
    return System.currentTimeMillis() - lastActivityMillis >= settings.idleExpiry().toMillis();
  }

  private Effect<SessionJournalEvent, SessionRecord> expire() {
    return Effect()
        .persist(new SessionJournalEvent.Expired(System.currentTimeMillis()))
        .thenRun(expired -> leave());
  }

  /** A new trainer for the record's spec, at the record's trainer state. */
  private void rebuild(SessionRecord state) {
    failures.beforeRebuild();
    Trainer next = trainerFor(state);
    if (trainer != null) {
      trainer.close();
    }
    trainer = next;
    history = new StepHistory(settings.historyLimit(), trainer.model().parameterCount());
  }

  /** A trainer for the record's spec and training points, at the record's trainer state. */
  private Trainer trainerFor(SessionRecord state) {
    Trainer next = new Trainer(state.spec(), state.points(), parentManager);
    try {
      next.restore(state.trainer());
    } catch (RuntimeException failure) {
      next.close();
      throw failure;
    }
    return next;
  }

  /** Starts the run the record holds, if any: after a restart it goes on by itself. */
  private void resumeRun(SessionRecord state) {
    SessionRecord.RunPlan run = state.run();
    if (run == null || trainer.divergence().isPresent()) {
      return;
    }
    long remaining = run.untilStep() - trainer.completedSteps();
    if (remaining > 0) {
      startWork(new SessionWork(++jobs, remaining, run.stepsPerSecond(), null));
    }
  }

  private void startWork(SessionWork next) {
    if (work == null) {
      meters.workStarted();
    }
    work = next;
    lastCheckpointNanos = System.nanoTime();
    if (next.stepsPerSecond > 0) {
      next.startPacing(System.nanoTime(), settings.sliceBudget().toNanos() * 50);
      timers.startSingleTimer(
          PACING_TIMER, new Session.Continue(next.id), settings.pacedSliceInterval());
    } else {
      context.getSelf().tell(new Session.Continue(next.id));
    }
  }

  private SessionWork stopWork() {
    SessionWork ended = work;
    if (ended != null) {
      meters.workEnded();
    }
    work = null;
    timers.cancel(PACING_TIMER);
    return ended;
  }

  /** One chunk: steps until the work, the chunk size, the pace or the time budget runs out. */
  private Effect<SessionJournalEvent, SessionRecord> runChunk() {
    long budgetNanos = settings.sliceBudget().toNanos();
    long started = System.nanoTime();
    long allowed = Math.min(work.remaining, settings.maxStepsPerSlice());
    if (work.pacer != null) {
      allowed = work.pacer.take(started, allowed);
    }
    List<StepRecord> chunk = new ArrayList<>();
    boolean diverged = false;
    while (chunk.size() < allowed) {
      Optional<StepRecord> step = trainer.step();
      if (step.isEmpty()) {
        diverged = true;
        break;
      }
      chunk.add(step.get());
      history.add(step.get());
      if (System.nanoTime() - started > budgetNanos) {
        break;
      }
    }
    if (work.pacer != null && !diverged) {
      work.pacer.refund(allowed - chunk.size());
    }
    work.remaining -= chunk.size();
    meters.stepped(chunk.size());
    if (!chunk.isEmpty()) {
      publishSteps(chunk);
      work.collect(chunk);
    }
    if (diverged) {
      return finishWork(Change.DIVERGED);
    }
    if (work.remaining == 0) {
      return finishWork(work.stepReplyTo == null ? Change.RUN_FINISHED : null);
    }
    if (work.pacer == null) {
      context.getSelf().tell(new Session.Continue(work.id));
    } else {
      // One timer at a time, armed after the chunk: ticks never queue up behind a slow session.
      long delay = work.pacer.nanosUntilNextStep(settings.pacedSliceInterval().toNanos());
      timers.startSingleTimer(PACING_TIMER, new Session.Continue(work.id), Duration.ofNanos(delay));
    }
    if (System.nanoTime() - lastCheckpointNanos >= settings.checkpointInterval().toNanos()) {
      return Effect().persist(checkpoint());
    }
    return Effect().none();
  }

  /** Ends the work: a checkpoint and why it ended, stored before anyone hears of it. */
  private Effect<SessionJournalEvent, SessionRecord> finishWork(Change why) {
    SessionWork ended = stopWork();
    List<SessionJournalEvent> events = new ArrayList<>();
    events.add(checkpoint());
    if (why != null) {
      events.add(new SessionJournalEvent.RunEnded(why));
    }
    return Effect()
        .persist(events)
        .thenRun(
            state -> {
              if (why != null) {
                publishState(why);
              }
              answerStepRequest(ended);
            });
  }

  private void answerStepRequest(SessionWork ended) {
    if (ended != null && ended.stepReplyTo != null) {
      ended.stepReplyTo.tell(
          StatusReply.success(new Session.Stepped(List.copyOf(ended.collected), snapshot())));
    }
  }

  private Checkpoint checkpoint() {
    lastCheckpointNanos = System.nanoTime();
    return new Checkpoint(trainer.exportState(), seq);
  }

  /** Leaves memory with a reminder to come back and expire if nobody used it meanwhile. */
  private void leaveReminder() {
    if (shard != null && !passivating) {
      io.downhill.expiry.Reminders.remind(
          context.getSystem(),
          io.downhill.expiry.Reminders.target(Session.TYPE_KEY, id),
          Instant.ofEpochMilli(lastActivityMillis).plus(settings.idleExpiry()));
    }
  }

  /** Asks the shard to take this idle session out of memory (a session not sharded stays). */
  private void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  /** Leaves memory for good: the session does not exist, or no longer. */
  private void leave() {
    if (shard != null) {
      passivate();
    } else if (!passivating) {
      passivating = true;
      context.getSelf().tell(Session.Passivate.INSTANCE);
    }
  }

  private Refused checkParams(double[] params) {
    int expected = trainer.model().parameterCount();
    if (params == null || params.length != expected) {
      return Refused.invalid("params", "must hold " + expected + " numbers");
    }
    double max = settings.limits().maxMagnitude();
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i]) || Math.abs(params[i]) > max) {
        return Refused.invalid(
            "params[" + i + "]", "must be a finite number of magnitude at most " + max);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void refuse(Command command, Refused refused) {
    ActorRef<?> replyTo = SessionReplies.replyTo(command);
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }

  /** Wall-clock time with sub-millisecond precision, for step-to-screen latency. */
  private static double nowMillis() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }

  /**
   * Publishes a chunk's steps in events small enough to cross nodes: Artery drops a message over
   * its frame size (256 KiB), and a 128-parameter model's 256 steps are about 600 KB in CBOR.
   */
  private void publishSteps(List<StepRecord> chunk) {
    int perEvent = stepsPerEvent(trainer.model().parameterCount());
    double madeAt = nowMillis();
    for (int from = 0; from < chunk.size(); from += perEvent) {
      List<StepRecord> part = chunk.subList(from, Math.min(chunk.size(), from + perEvent));
      publish(new SessionEvent.Stepped(id, ++seq, List.copyOf(part), madeAt));
    }
  }

  /** About 100 KB of steps: each holds 2P + 3 numbers of 9 bytes in CBOR. */
  static int stepsPerEvent(int parameters) {
    return Math.max(1, MAX_EVENT_BYTES / ((2 * parameters + 3) * 9));
  }

  private void publishState(Change change) {
    seq++;
    Snapshot state = snapshot();
    publish(new SessionEvent.StateChanged(id, state.seq(), change, state));
  }

  private void publish(SessionEvent event) {
    watchers.publish(event);
  }

  private Snapshot snapshot() {
    if (trainer == null) {
      return storedSnapshot(current);
    }
    double[] params = trainer.params();
    Divergence divergence = trainer.divergence().orElse(null);
    Status status =
        divergence != null ? Status.DIVERGED : work != null ? Status.RUNNING : Status.IDLE;
    return new Snapshot(
        id,
        seq,
        trainer.completedSteps(),
        trainer.evaluate(params),
        params,
        trainer.lastGradient(),
        trainer.model().parameterNames(),
        trainer.baseLearningRate(),
        trainer.nextLearningRate(),
        trainer.accumulateGradients(),
        status,
        work == null ? 0 : work.remaining,
        divergence,
        trainer.spec(),
        node,
        null);
  }

  /** The state as stored, for a failed session (it has no trainer to evaluate the loss with). */
  private Snapshot storedSnapshot(SessionRecord state) {
    io.downhill.numerics.training.TrainerState stored = state.trainer();
    return new Snapshot(
        id,
        seq,
        stored.step(),
        Double.NaN,
        stored.params(),
        stored.lastGradient(),
        state.spec().model().create().parameterNames(),
        stored.learningRate(),
        stored.learningRate(),
        stored.accumulateGradients(),
        Status.FAILED,
        0,
        stored.divergence(),
        state.spec(),
        node,
        state.failure() != null ? state.failure() : failures.reason());
  }

  private SessionRecord release() {
    if (work != null) {
      // Stopped or failed mid-run: the run is no longer under way here.
      meters.workEnded();
      work = null;
    }
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
    return null;
  }
}
