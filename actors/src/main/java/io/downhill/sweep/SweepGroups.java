package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.batch.ShapeKey;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.sweep.Sweep.Command;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A sweep's groups while it is in memory: one {@link SweepBatch} child per shape, the lock-step
 * each reached, the variants' states and loss curves, and the pace of the run. Built from the
 * record when the sweep comes back; the batches train back to the stored steps before going on. The
 * pace's clock and timer are in {@link SweepPacing}, the variants' states in {@link SweepVariants}.
 */
final class SweepGroups {
  /** What a chunk from a batch asks of the sweep. */
  enum ChunkOutcome {
    NOTHING,
    /** The last group came to its end: the run finished. */
    FINISHED,
    /** Steps were made: store where the groups are, if a checkpoint is due. */
    STEPPED
  }

  private final ActorContext<Command> context;
  private final Sweep.SweepSettings settings;
  private final SweepPacing pacing;
  private final NDManager parent;
  private final List<ActorRef<SweepBatch.Command>> batches = new ArrayList<>();
  private SweepSpec spec;
  private SweepVariants variants;
  private long[] groupStep;
  private boolean[] groupIdle;
  private boolean[] catchingUp;
  private SweepCurves curves;
  private boolean running;
  private boolean finished;

  SweepGroups(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Sweep.SweepSettings settings,
      NDManager parent) {
    this.context = context;
    this.settings = settings;
    this.parent = parent;
    this.pacing = new SweepPacing(timers, settings);
  }

  boolean running() {
    return running;
  }

  long[] groupSteps() {
    return groupStep.clone();
  }

  SweepCurves curves() {
    return curves;
  }

  /** Builds the batches for the record's spec and trains them back to the record's steps. */
  void build(SweepRecord state) {
    spec = state.spec();
    Map<ShapeKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int k = 0; k < spec.variants().size(); k++) {
      groups.computeIfAbsent(ShapeKey.of(spec.variants().get(k)), key -> new ArrayList<>()).add(k);
    }
    variants = new SweepVariants(spec);
    groupStep = new long[groups.size()];
    groupIdle = new boolean[groups.size()];
    catchingUp = new boolean[groups.size()];
    curves = new SweepCurves(variants.count(), spec.steps());
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
      pacing.start(spec, reached == null ? 0 : Arrays.stream(reached).max().orElse(0));
    }
    for (int g = 0; g < batches.size(); g++) {
      long target = reached == null ? 0 : reached[g];
      if (target > 0) {
        catchingUp[g] = true;
        batches.get(g).tell(new SweepBatch.Advance(target));
      } else if (running) {
        groupIdle[g] = false;
        batches.get(g).tell(new SweepBatch.Advance(pacing.advanceTarget(spec.steps())));
      }
    }
    if (running) {
      Arrays.fill(groupIdle, false);
    }
  }

  /** Starts (or goes on with) the run, once it is stored. */
  void run() {
    running = true;
    finished = false;
    Arrays.fill(groupIdle, false);
    pacing.start(spec, currentStep());
    for (int g = 0; g < batches.size(); g++) {
      // A paced run asks on its timer, unless it stands at the end already.
      if (!catchingUp[g] && !pacing.asksOnTimer()) {
        batches.get(g).tell(new SweepBatch.Advance(spec.steps()));
      }
    }
  }

  void pause() {
    running = false;
    pacing.stop();
    batches.forEach(batch -> batch.tell(SweepBatch.Pause.INSTANCE));
  }

  void reset() {
    running = false;
    pacing.stop();
    finished = false;
    batches.forEach(batch -> batch.tell(SweepBatch.Reset.INSTANCE));
    Arrays.fill(groupStep, 0);
    Arrays.fill(catchingUp, false);
    variants.reset();
    curves.clear();
  }

  /** Stops every batch: the sweep is being deleted. */
  void stop() {
    running = false;
    pacing.stop();
    batches.forEach(context::stop);
    batches.clear();
  }

  /**
   * Takes a batch's chunk: the variants' new states, the group's step and the losses (published to
   * {@code subscribers}, with the {@code state} when a variant stopped), and says what the sweep
   * should store.
   */
  ChunkOutcome take(
      SweepBatch.Chunk chunk, SweepSubscribers subscribers, Supplier<SweepState> state) {
    boolean stopped = variants.take(chunk.variants());
    int group = chunk.group();
    groupStep[group] = chunk.toStep();
    int steps = chunk.losses().length == 0 ? 0 : chunk.losses()[0].length;
    if (steps > 0) {
      int[] indices = chunk.variants().stream().mapToInt(VariantState::index).toArray();
      curves.record(chunk.fromStep(), indices, chunk.losses());
      subscribers.publishProgress(chunk.fromStep(), chunk.toStep(), indices, chunk.losses());
    }
    if (stopped) {
      subscribers.publishState(SweepEvent.Change.VARIANT_STOPPED, state);
    }
    if (catchingUp[group]) {
      // Recovery trained this group back to its stored step; a running sweep goes on from there.
      if (chunk.idle()) {
        catchingUp[group] = false;
        if (running) {
          batches.get(group).tell(new SweepBatch.Advance(pacing.advanceTarget(spec.steps())));
        }
      }
      return ChunkOutcome.NOTHING;
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
        pacing.stop();
        return ChunkOutcome.FINISHED;
      }
    }
    return steps > 0 ? ChunkOutcome.STEPPED : ChunkOutcome.NOTHING;
  }

  /**
   * The pace moved on: every group still training may go to its new target. One timer at a time,
   * armed after the batches were told, so ticks never queue up behind a busy sweep.
   */
  void onPace() {
    if (!running) {
      return;
    }
    pacing.onTick(this::advanceTrainingGroups);
  }

  private void advanceTrainingGroups(long target) {
    for (int g = 0; g < batches.size(); g++) {
      if (!catchingUp[g] && !groupIdle[g]) {
        batches.get(g).tell(new SweepBatch.Advance(target));
      }
    }
  }

  /** The lock-step the furthest group has reached. */
  private long currentStep() {
    long step = 0;
    for (long s : groupStep) {
      step = Math.max(step, s);
    }
    return step;
  }

  /** Whether a group's idle chunk ends its run: at the last step, or with no variant active. */
  private boolean groupDone(SweepBatch.Chunk chunk) {
    return chunk.toStep() >= spec.steps()
        || chunk.variants().stream().noneMatch(v -> v.status() == VariantState.Status.ACTIVE);
  }

  /** The sweep's state as its subscribers and callers see it. */
  SweepState state(String id, long seq, String node) {
    List<VariantState> list = variants.list();
    SweepState.Status status =
        running
            ? SweepState.Status.RUNNING
            : finished ? SweepState.Status.FINISHED : SweepState.Status.PAUSED;
    return new SweepState(
        id,
        seq,
        currentStep(),
        spec.steps(),
        spec.targetLoss(),
        status,
        list,
        node,
        spec.stepsPerSecond());
  }
}
