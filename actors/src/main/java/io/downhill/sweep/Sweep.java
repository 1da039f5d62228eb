package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.DownhillSerializable;
import io.downhill.numerics.batch.ShapeKey;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.SessionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A learning-rate sweep: groups its variants by shape, trains each group in lock-step in a {@link
 * SweepBatch} child (variants of different shapes therefore run in separate actors), and merges
 * their chunks into one stream of progress for its subscribers. Keeps each variant's loss curve for
 * export, thinned to a bounded number of points.
 */
public final class Sweep extends AbstractBehavior<Sweep.Command> {

  /** Everything a sweep accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Runs (or resumes) every variant up to the sweep's step count. */
  public record Run(ActorRef<SweepState> replyTo) implements Command {}

  public record Pause(ActorRef<SweepState> replyTo) implements Command {}

  /** Back to the start. */
  public record Reset(ActorRef<SweepState> replyTo) implements Command {}

  public record GetState(ActorRef<SweepState> replyTo) implements Command {}

  /** Replies with every variant's recorded loss curve. */
  public record GetCurves(ActorRef<Curves> replyTo) implements Command {}

  public record Subscribe(ActorRef<SweepEvent> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<SweepEvent> subscriber) implements Command {}

  public enum Stop implements Command {
    INSTANCE
  }

  /**
   * The loss curves: {@code losses[k][i]} is variant k's loss at step {@code steps[i]}.
   *
   * @param stride the curves keep every stride-th step, so their size stays bounded
   */
  public record Curves(SweepState state, long stride, long[] steps, double[][] losses)
      implements DownhillSerializable {}

  private record ChunkDone(SweepBatch.Chunk chunk) implements Command {}

  private record SubscriberGone(ActorRef<SweepEvent> subscriber) implements Command {}

  /** The most loss values a sweep keeps for export, over all variants. */
  static final long CURVE_BUDGET = 2_000_000;

  private final String id;
  private final SweepSpec spec;
  private final List<ActorRef<SweepBatch.Command>> batches = new ArrayList<>();
  private final VariantState[] variants;
  private final long[] groupStep;
  private final boolean[] groupIdle;
  private final Set<ActorRef<SweepEvent>> subscribers = new LinkedHashSet<>();
  private final long stride;
  private final List<Long> curveSteps = new ArrayList<>();
  private final List<double[]> curveRows = new ArrayList<>();
  private long seq;
  private boolean running;
  private boolean finished;

  public static Behavior<Command> create(
      String id, SweepSpec spec, SessionSettings settings, NDManager parent) {
    return Behaviors.setup(context -> new Sweep(context, id, spec, settings, parent));
  }

  private Sweep(
      ActorContext<Command> context,
      String id,
      SweepSpec spec,
      SessionSettings settings,
      NDManager parent) {
    super(context);
    this.id = id;
    this.spec = spec;
    this.variants = new VariantState[spec.variants().size()];
    long points = Math.max(1, (long) spec.variants().size() * spec.steps());
    this.stride = Math.max(1, (points + CURVE_BUDGET - 1) / CURVE_BUDGET);
    Map<ShapeKey, List<Integer>> groups = new LinkedHashMap<>();
    for (int k = 0; k < spec.variants().size(); k++) {
      groups.computeIfAbsent(ShapeKey.of(spec.variants().get(k)), key -> new ArrayList<>()).add(k);
    }
    for (int k = 0; k < variants.length; k++) {
      TrainingSpec variant = spec.variants().get(k);
      variants[k] =
          new VariantState(k, variant, "active", 0, Double.NaN, Double.NaN, -1, variant.init());
    }
    this.groupStep = new long[groups.size()];
    this.groupIdle = new boolean[groups.size()];
    ActorRef<SweepBatch.Chunk> chunks =
        context.messageAdapter(SweepBatch.Chunk.class, ChunkDone::new);
    int group = 0;
    for (List<Integer> members : groups.values()) {
      int[] indices = members.stream().mapToInt(Integer::intValue).toArray();
      List<TrainingSpec> specs = members.stream().map(spec.variants()::get).toList();
      batches.add(
          context.spawn(
              SweepBatch.create(
                  group, indices, specs, spec.steps(), spec.targetLoss(), settings, parent, chunks),
              "batch-" + group,
              DispatcherSelector.fromConfig("downhill.session-dispatcher")));
      groupIdle[group] = true;
      group++;
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onMessage(Pause.class, this::onPause)
        .onMessage(Reset.class, this::onReset)
        .onMessage(GetState.class, m -> reply(m.replyTo()))
        .onMessage(GetCurves.class, this::onGetCurves)
        .onMessage(ChunkDone.class, this::onChunk)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, m -> unsubscribe(m.subscriber()))
        .onMessage(SubscriberGone.class, m -> unsubscribe(m.subscriber()))
        .onMessageEquals(
            Stop.INSTANCE,
            () -> {
              publishState("stopped");
              return Behaviors.stopped();
            })
        .build();
  }

  private Behavior<Command> onRun(Run message) {
    running = true;
    finished = false;
    Arrays.fill(groupIdle, false);
    for (ActorRef<SweepBatch.Command> batch : batches) {
      batch.tell(new SweepBatch.Advance(spec.steps()));
    }
    publishState("run-started");
    return reply(message.replyTo());
  }

  private Behavior<Command> onPause(Pause message) {
    running = false;
    batches.forEach(batch -> batch.tell(SweepBatch.Pause.INSTANCE));
    publishState("run-paused");
    return reply(message.replyTo());
  }

  private Behavior<Command> onReset(Reset message) {
    running = false;
    finished = false;
    batches.forEach(batch -> batch.tell(SweepBatch.Reset.INSTANCE));
    Arrays.fill(groupStep, 0);
    for (int k = 0; k < variants.length; k++) {
      TrainingSpec variant = spec.variants().get(k);
      variants[k] =
          new VariantState(k, variant, "active", 0, Double.NaN, Double.NaN, -1, variant.init());
    }
    curveSteps.clear();
    curveRows.clear();
    publishState("reset");
    return reply(message.replyTo());
  }

  private Behavior<Command> onChunk(ChunkDone message) {
    SweepBatch.Chunk chunk = message.chunk();
    boolean stopped = false;
    for (VariantState variant : chunk.variants()) {
      VariantState before = variants[variant.index()];
      stopped |=
          before != null
              && before.status().equals("active")
              && (variant.status().equals("diverged") || variant.status().equals("reached-target"));
      variants[variant.index()] = variant;
    }
    groupStep[chunk.group()] = chunk.toStep();
    int steps = chunk.losses().length == 0 ? 0 : chunk.losses()[0].length;
    if (steps > 0) {
      int[] indices = chunk.variants().stream().mapToInt(VariantState::index).toArray();
      record(chunk.fromStep(), indices, chunk.losses());
      publish(
          new SweepEvent.Progress(
              id, ++seq, chunk.fromStep(), chunk.toStep(), indices, chunk.losses()));
    }
    if (stopped) {
      publishState("variant-stopped");
    }
    if (chunk.idle() && running) {
      groupIdle[chunk.group()] = true;
      boolean allIdle = true;
      for (boolean idle : groupIdle) {
        allIdle &= idle;
      }
      if (allIdle) {
        running = false;
        finished = true;
        publishState("run-finished");
      }
    }
    return this;
  }

  /** Keeps every stride-th step of the curves, merging groups by step number. */
  private void record(long fromStep, int[] indices, double[][] losses) {
    for (int j = 0; j < losses[0].length; j++) {
      long step = fromStep + j;
      if (step % stride != 0 && step != 1) {
        continue;
      }
      int row = rowFor(step);
      for (int i = 0; i < indices.length; i++) {
        curveRows.get(row)[indices[i]] = losses[i][j];
      }
    }
  }

  private int rowFor(long step) {
    int position = curveSteps.size() - 1;
    while (position >= 0 && curveSteps.get(position) > step) {
      position--;
    }
    if (position >= 0 && curveSteps.get(position) == step) {
      return position;
    }
    double[] row = new double[variants.length];
    Arrays.fill(row, Double.NaN);
    curveSteps.add(position + 1, step);
    curveRows.add(position + 1, row);
    return position + 1;
  }

  private Behavior<Command> onGetCurves(GetCurves message) {
    double[][] losses = new double[variants.length][curveSteps.size()];
    for (int i = 0; i < curveSteps.size(); i++) {
      double[] row = curveRows.get(i);
      for (int k = 0; k < variants.length; k++) {
        losses[k][i] = row[k];
      }
    }
    long[] steps = curveSteps.stream().mapToLong(Long::longValue).toArray();
    message.replyTo().tell(new Curves(state(), stride, steps, losses));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe message) {
    if (subscribers.add(message.subscriber())) {
      getContext().watchWith(message.subscriber(), new SubscriberGone(message.subscriber()));
    }
    message.subscriber().tell(new SweepEvent.StateChanged(id, seq, "subscribed", state()));
    return this;
  }

  private Behavior<Command> unsubscribe(ActorRef<SweepEvent> subscriber) {
    if (subscribers.remove(subscriber)) {
      getContext().unwatch(subscriber);
    }
    return this;
  }

  private Behavior<Command> reply(ActorRef<SweepState> replyTo) {
    replyTo.tell(state());
    return this;
  }

  private void publishState(String change) {
    seq++;
    publish(new SweepEvent.StateChanged(id, seq, change, state()));
  }

  private void publish(SweepEvent event) {
    subscribers.forEach(subscriber -> subscriber.tell(event));
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
    return new SweepState(id, seq, step, spec.steps(), spec.targetLoss(), status, list);
  }
}
