package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.cluster.Nodes;
import io.downhill.numerics.batch.ShapeKey;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.sweep.Sweep.Command;
import io.downhill.watch.Watchers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
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
 * The behaviour of a {@link Sweep}. While it is in memory its batches hold the tensors; its journal
 * holds the lock-steps each batch reached (now and then while running, and at every pause and
 * finish), and on recovery the batches train there again before going on.
 */
final class SweepEntity extends EventSourcedBehavior<Command, SweepJournalEvent, SweepRecord> {
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final long CHECKPOINT_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Object PACE_TIMER = "pace";

  /** A paced run held up (a long persist, a busy node) catches up at most this much at once. */
  private static final long MAX_BURST_NANOS = Duration.ofMillis(250).toNanos();

  private final String id;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final Sweep.SweepSettings settings;
  private final NDManager parent;
  private final Watchers<SweepEvent> watchers = new Watchers<>();
  private final List<ActorRef<SweepBatch.Command>> batches = new ArrayList<>();
  private SweepSpec spec;
  private VariantState[] variants;
  private long[] groupStep;
  private boolean[] groupIdle;
  private boolean[] catchingUp;
  private SweepCurves curves;
  private long seq;
  private boolean running;
  private boolean finished;
  private SweepPace pace;
  private long lastCheckpointNanos;
  private long lastActivityNanos = System.nanoTime();
  private long lastActivityMillis = System.currentTimeMillis();
  private boolean usedSinceStart;
  private boolean passivating;

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
    this.timers = timers;
    this.shard = shard;
    this.settings = settings;
    this.parent = parent;
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
      return onPace(state);
    }
    if (command == Sweep.ExpireIfIdle.INSTANCE) {
      return onExpireIfIdle(state);
    }
    lastActivityNanos = System.nanoTime();
    if (command == Sweep.Passivate.INSTANCE) {
      return Effect().stop();
    }
    if (!(command instanceof Sweep.GetState || command instanceof Sweep.GetCurves)) {
      // Reads by anyone who knows the id do not keep a sweep from its idle expiry.
      lastActivityMillis = System.currentTimeMillis();
      usedSinceStart = true;
    }
    if (command instanceof Sweep.SubscriberGone gone) {
      return unsubscribe(gone.subscriber());
    }
    if (command instanceof Sweep.Unsubscribe u) {
      return unsubscribe(u.subscriber());
    }
    if (command instanceof Sweep.Create create) {
      return onCreate(state, create);
    }
    if (!state.live()) {
      refuse(command, Refused.notFound("id", "no sweep " + id));
      passivate();
      return Effect().none();
    }
    if (command instanceof Sweep.GetState get) {
      get.replyTo().tell(StatusReply.success(state()));
    } else if (command instanceof Sweep.GetCurves get) {
      get.replyTo().tell(StatusReply.success(curves.export(state())));
    } else if (command instanceof Sweep.Subscribe s) {
      if (watchers.renew(s.subscriber(), System.nanoTime())) {
        context.watchWith(s.subscriber(), new Sweep.SubscriberGone(s.subscriber()));
        String change = s.renewal() ? "recovered" : "subscribed";
        s.subscriber().tell(new SweepEvent.StateChanged(id, seq, change, state()));
      }
    } else if (!OwnerToken.matches(ownerToken(command), state.ownerDigest())) {
      refuse(command, Refused.forbidden("Authorization", "this token does not own the sweep"));
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
      passivate();
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
        .persist(new SweepJournalEvent.RunStarted(groupStep.clone()))
        .thenRun(
            s -> {
              running = true;
              finished = false;
              Arrays.fill(groupIdle, false);
              startPace(currentStep());
              for (int g = 0; g < batches.size(); g++) {
                // A paced run asks on its timer, unless it stands at the end already.
                if (!catchingUp[g] && (!pace.paced() || pace.atEnd())) {
                  batches.get(g).tell(new SweepBatch.Advance(spec.steps()));
                }
              }
              lastCheckpointNanos = System.nanoTime();
              publishState("run-started");
            })
        .thenReply(run.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onPause(Sweep.Pause pause) {
    running = false;
    stopPace();
    batches.forEach(batch -> batch.tell(SweepBatch.Pause.INSTANCE));
    return Effect()
        .persist(new SweepJournalEvent.RunPaused(groupStep.clone()))
        .thenRun(s -> publishState("run-paused"))
        .thenReply(pause.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onReset(Sweep.Reset reset) {
    running = false;
    stopPace();
    finished = false;
    batches.forEach(batch -> batch.tell(SweepBatch.Reset.INSTANCE));
    Arrays.fill(groupStep, 0);
    Arrays.fill(catchingUp, false);
    freshVariants();
    curves.clear();
    return Effect()
        .persist(new SweepJournalEvent.ResetDone())
        .thenRun(s -> publishState("reset"))
        .thenReply(reset.replyTo(), s -> StatusReply.success(state()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onDelete(Sweep.Delete delete) {
    running = false;
    stopPace();
    batches.forEach(context::stop);
    batches.clear();
    return Effect()
        .persist(new SweepJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(
            s -> {
              publishState("stopped");
              passivate();
            })
        .thenReply(delete.replyTo(), s -> StatusReply.success(Done.getInstance()));
  }

  private Effect<SweepJournalEvent, SweepRecord> onChunk(
      SweepRecord state, SweepBatch.Chunk chunk) {
    if (!state.live()) {
      return Effect().none();
    }
    boolean stopped = false;
    for (VariantState variant : chunk.variants()) {
      VariantState before = variants[variant.index()];
      stopped |=
          before != null
              && before.status().equals("active")
              && (variant.status().equals("diverged") || variant.status().equals("reached-target"));
      variants[variant.index()] = variant;
    }
    int group = chunk.group();
    groupStep[group] = chunk.toStep();
    int steps = chunk.losses().length == 0 ? 0 : chunk.losses()[0].length;
    if (steps > 0) {
      int[] indices = chunk.variants().stream().mapToInt(VariantState::index).toArray();
      curves.record(chunk.fromStep(), indices, chunk.losses());
      publish(
          new SweepEvent.Progress(
              id, ++seq, chunk.fromStep(), chunk.toStep(), indices, chunk.losses()));
    }
    if (stopped) {
      publishState("variant-stopped");
    }
    if (catchingUp[group]) {
      // Recovery trained this group back to its stored step; a running sweep goes on from there.
      if (chunk.idle()) {
        catchingUp[group] = false;
        if (running) {
          batches.get(group).tell(new SweepBatch.Advance(advanceTarget()));
        }
      }
      return Effect().none();
    }
    // A paced batch also rests at each target it reaches: only one at its end is done.
    if (chunk.idle() && running && groupDone(chunk)) {
      groupIdle[group] = true;
      boolean allIdle = true;
      for (boolean idle : groupIdle) {
        allIdle &= idle;
      }
      if (allIdle) {
        running = false;
        finished = true;
        stopPace();
        return Effect()
            .persist(new SweepJournalEvent.Finished(groupStep.clone()))
            .thenRun(s -> publishState("run-finished"));
      }
    }
    boolean due = System.nanoTime() - lastCheckpointNanos > CHECKPOINT_NANOS;
    if (steps > 0 && (due || !running)) {
      // After a pause the batches may still finish a chunk: store where they really stopped.
      lastCheckpointNanos = System.nanoTime();
      return Effect().persist(new SweepJournalEvent.Progressed(groupStep.clone()));
    }
    return Effect().none();
  }

  /** Builds the batches for the record's spec and trains them back to the record's steps. */
  private void recover(SweepRecord state) {
    if (!state.live()) {
      return;
    }
    spec = state.spec();
    Map<ShapeKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int k = 0; k < spec.variants().size(); k++) {
      groups.computeIfAbsent(ShapeKey.of(spec.variants().get(k)), key -> new ArrayList<>()).add(k);
    }
    variants = new VariantState[spec.variants().size()];
    freshVariants();
    groupStep = new long[groups.size()];
    groupIdle = new boolean[groups.size()];
    catchingUp = new boolean[groups.size()];
    curves = new SweepCurves(variants.length, spec.steps());
    ActorRef<SweepBatch.Chunk> chunks =
        context.messageAdapter(SweepBatch.Chunk.class, Sweep.ChunkDone::new);
    int group = 0;
    for (List<Integer> members : groups.values()) {
      int[] indices = members.stream().mapToInt(Integer::intValue).toArray();
      List<TrainingSpec> specs = members.stream().map(spec.variants()::get).toList();
      batches.add(
          context.spawn(
              SweepBatch.create(
                  group,
                  indices,
                  specs,
                  spec.steps(),
                  spec.targetLoss(),
                  settings.session(),
                  parent,
                  chunks),
              "batch-" + group,
              DispatcherSelector.fromConfig("downhill.session-dispatcher")));
      groupIdle[group] = true;
      group++;
    }
    running = state.status().equals("running");
    finished = state.status().equals("finished");
    long[] reached = state.groupSteps();
    if (running) {
      startPace(reached == null ? 0 : Arrays.stream(reached).max().orElse(0));
    }
    for (int g = 0; g < batches.size(); g++) {
      long target = reached == null ? 0 : reached[g];
      if (target > 0) {
        catchingUp[g] = true;
        batches.get(g).tell(new SweepBatch.Advance(target));
      } else if (running) {
        groupIdle[g] = false;
        batches.get(g).tell(new SweepBatch.Advance(advanceTarget()));
      }
    }
    if (running) {
      Arrays.fill(groupIdle, false);
    }
    lastCheckpointNanos = System.nanoTime();
  }

  /** The lock-step the furthest group has reached. */
  private long currentStep() {
    long step = 0;
    for (long s : groupStep) {
      step = Math.max(step, s);
    }
    return step;
  }

  /** A new pace for a run from {@code from}; a paced one asks for its first steps on a timer. */
  private void startPace(long from) {
    pace =
        new SweepPace(
            spec.steps(), spec.stepsPerSecond(), from, System.nanoTime(), MAX_BURST_NANOS);
    if (pace.paced()) {
      timers.startSingleTimer(PACE_TIMER, Sweep.PaceTick.INSTANCE, paceInterval());
    }
  }

  private void stopPace() {
    pace = null;
    timers.cancel(PACE_TIMER);
  }

  /** How far the batches may go: the pace's target, or the end when the run is not paced. */
  private long advanceTarget() {
    return pace == null ? spec.steps() : pace.target();
  }

  private Duration paceInterval() {
    return settings.session().pacedSliceInterval();
  }

  /**
   * The pace moved on: every group still training may go to its new target. One timer at a time,
   * armed after the batches were told, so ticks never queue up behind a busy sweep.
   */
  private Effect<SweepJournalEvent, SweepRecord> onPace(SweepRecord state) {
    if (!running || pace == null || !state.live()) {
      return Effect().none();
    }
    long before = pace.target();
    long target = pace.advance(System.nanoTime());
    if (target > before) {
      for (int g = 0; g < batches.size(); g++) {
        if (!catchingUp[g] && !groupIdle[g]) {
          batches.get(g).tell(new SweepBatch.Advance(target));
        }
      }
    }
    if (!pace.atEnd()) {
      long delay = pace.nanosUntilNext(paceInterval().toNanos());
      timers.startSingleTimer(PACE_TIMER, Sweep.PaceTick.INSTANCE, Duration.ofNanos(delay));
    }
    return Effect().none();
  }

  /** Whether a group's idle chunk ends its run: at the last step, or with no variant active. */
  private boolean groupDone(SweepBatch.Chunk chunk) {
    return chunk.toStep() >= spec.steps()
        || chunk.variants().stream().noneMatch(v -> v.status().equals("active"));
  }

  private void freshVariants() {
    for (int k = 0; k < variants.length; k++) {
      TrainingSpec variant = spec.variants().get(k);
      variants[k] =
          new VariantState(k, variant, "active", 0, Double.NaN, Double.NaN, -1, variant.init());
    }
  }

  private Effect<SweepJournalEvent, SweepRecord> onTick(SweepRecord state) {
    long now = System.nanoTime();
    for (ActorRef<SweepEvent> gone :
        watchers.expire(now, settings.session().subscriptionLease().toNanos())) {
      context.unwatch(gone);
    }
    boolean idle =
        !running
            && watchers.isEmpty()
            && now - lastActivityNanos > settings.session().passivateAfter().toNanos();
    if (state.live() && idle && shard != null && !passivating) {
      io.downhill.expiry.Reminders.remind(
          context.getSystem(),
          io.downhill.expiry.Reminders.target(Sweep.TYPE_KEY, id),
          java.time.Instant.ofEpochMilli(lastActivityMillis).plus(settings.session().idleExpiry()));
    }
    if (state.live() && !running && watchers.isEmpty() && unusedForExpiry()) {
      return expire(); // read often enough to stay in memory, but used by nobody
    }
    if (!state.live() || idle) {
      passivate();
    }
    return Effect().none();
  }

  private boolean unusedForExpiry() {
    return System.currentTimeMillis() - lastActivityMillis
        >= settings.session().idleExpiry().toMillis();
  }

  private Effect<SweepJournalEvent, SweepRecord> expire() {
    return Effect()
        .persist(new SweepJournalEvent.Deleted(System.currentTimeMillis()))
        .thenRun(expired -> passivate());
  }

  /**
   * Deletes a sweep nobody commanded or watched for the idle expiry; one woken by its reminder
   * alone was idle all along.
   */
  private Effect<SweepJournalEvent, SweepRecord> onExpireIfIdle(SweepRecord state) {
    if (!state.live()) {
      passivate();
      return Effect().none();
    }
    boolean idle = !running && watchers.isEmpty() && (!usedSinceStart || unusedForExpiry());
    return idle ? expire() : Effect().none();
  }

  private Effect<SweepJournalEvent, SweepRecord> unsubscribe(ActorRef<SweepEvent> subscriber) {
    if (watchers.remove(subscriber)) {
      context.unwatch(subscriber);
    }
    return Effect().none();
  }

  private void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  private void publishState(String change) {
    seq++;
    publish(new SweepEvent.StateChanged(id, seq, change, state()));
  }

  private void publish(SweepEvent event) {
    watchers.publish(event);
  }

  private SweepState state() {
    long step = 0;
    for (long s : groupStep) {
      step = Math.max(step, s);
    }
    List<VariantState> list = new ArrayList<>(variants.length);
    for (VariantState variant : variants) {
      if (variant != null) {
        list.add(variant);
      }
    }
    String status = running ? "running" : finished ? "finished" : "paused";
    return new SweepState(
        id,
        seq,
        step,
        spec.steps(),
        spec.targetLoss(),
        status,
        list,
        Nodes.self(context.getSystem()),
        spec.stepsPerSecond());
  }

  private static String ownerToken(Command command) {
    if (command instanceof Sweep.Run c) {
      return c.token();
    } else if (command instanceof Sweep.Pause c) {
      return c.token();
    } else if (command instanceof Sweep.Reset c) {
      return c.token();
    } else if (command instanceof Sweep.Delete c) {
      return c.token();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void refuse(Command command, Refused refused) {
    ActorRef<?> replyTo = null;
    if (command instanceof Sweep.Run c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Pause c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Reset c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Delete c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.GetState c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.GetCurves c) {
      replyTo = c.replyTo();
    } else if (command instanceof Sweep.Create c) {
      replyTo = c.replyTo();
    }
    if (replyTo != null) {
      ((ActorRef<StatusReply<Object>>) replyTo).tell(refused.reply());
    }
  }
}
