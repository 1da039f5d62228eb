package io.downhill.sweep;

import ai.djl.ndarray.NDManager;
import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.batch.BatchStep;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The variants of one shape within a sweep, trained in lock-step by one {@link BatchTrainer} that
 * this actor owns. Works in chunks of at most {@code slice-budget}, reporting each chunk to its
 * sweep. Lives as long as its sweep.
 */
final class SweepBatch extends AbstractBehavior<SweepBatch.Command> {

  sealed interface Command extends DownhillSerializable {}

  /** Steps until {@code untilStep} lock-steps are done or every variant has stopped. */
  record Advance(long untilStep) implements Command {}

  enum Pause implements Command {
    INSTANCE
  }

  enum Reset implements Command {
    INSTANCE
  }

  private record Continue(long job) implements Command {}

  /** What a chunk did, for the sweep. */
  record Chunk(
      int group,
      long fromStep,
      long toStep,
      double[][] losses,
      List<VariantState> variants,
      boolean idle)
      implements DownhillSerializable {}

  private final int group;
  private final int[] indices;
  private final SessionSettings settings;
  private final ActorRef<Chunk> sweep;
  private final BatchTrainer trainer;
  private final long steps;
  private long untilStep;
  private long job;
  private boolean working;

  static Behavior<Command> create(
      int group,
      int[] indices,
      List<TrainingSpec> specs,
      long steps,
      double target,
      SessionSettings settings,
      NDManager parent,
      ActorRef<Chunk> sweep) {
    return Behaviors.setup(
        context ->
            new SweepBatch(context, group, indices, specs, steps, target, settings, parent, sweep));
  }

  private SweepBatch(
      ActorContext<Command> context,
      int group,
      int[] indices,
      List<TrainingSpec> specs,
      long steps,
      double target,
      SessionSettings settings,
      NDManager parent,
      ActorRef<Chunk> sweep) {
    super(context);
    this.group = group;
    this.indices = indices;
    this.settings = settings;
    this.sweep = sweep;
    this.steps = steps;
    this.trainer = new BatchTrainer(specs, target, parent);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Advance.class, this::onAdvance)
        .onMessageEquals(Pause.INSTANCE, this::onPause)
        .onMessageEquals(Reset.INSTANCE, this::onReset)
        .onMessage(Continue.class, this::onContinue)
        .onSignal(PreRestart.class, signal -> release())
        .onSignal(PostStop.class, signal -> release())
        .build();
  }

  private Behavior<Command> onAdvance(Advance message) {
    untilStep = Math.min(message.untilStep(), steps);
    working = true;
    getContext().getSelf().tell(new Continue(++job));
    return this;
  }

  private Behavior<Command> onPause() {
    working = false;
    job++;
    return this;
  }

  private Behavior<Command> onReset() {
    working = false;
    job++;
    trainer.reset();
    sweep.tell(new Chunk(group, 0, 0, new double[indices.length][0], variants(), true));
    return this;
  }

  private Behavior<Command> onContinue(Continue message) {
    if (!working || message.job() != job) {
      return this;
    }
    long budget = settings.sliceBudget().toNanos();
    long started = System.nanoTime();
    long from = trainer.completedSteps() + 1;
    List<double[]> chunk = new ArrayList<>();
    while (trainer.completedSteps() < untilStep
        && trainer.anyActive()
        && chunk.size() < settings.maxStepsPerSlice()) {
      BatchStep step = trainer.step();
      chunk.add(step.losses());
      if (System.nanoTime() - started > budget) {
        break;
      }
    }
    boolean done = trainer.completedSteps() >= untilStep || !trainer.anyActive();
    if (done) {
      working = false;
    } else {
      getContext().getSelf().tell(new Continue(job));
    }
    double[][] losses = new double[indices.length][chunk.size()];
    for (int j = 0; j < chunk.size(); j++) {
      for (int k = 0; k < indices.length; k++) {
        losses[k][j] = chunk.get(j)[k];
      }
    }
    sweep.tell(new Chunk(group, from, trainer.completedSteps(), losses, variants(), done));
    return this;
  }

  private List<VariantState> variants() {
    double[][] params = trainer.params();
    boolean finished = trainer.completedSteps() >= steps;
    List<VariantState> out = new ArrayList<>(indices.length);
    for (int k = 0; k < indices.length; k++) {
      out.add(
          new VariantState(
              indices[k],
              trainer.variant(k),
              VariantState.status(trainer.outcome(k), finished),
              trainer.stepsTaken(k),
              trainer.lastLoss(k),
              trainer.bestLoss(k),
              trainer.reachedAt(k),
              params[k]));
    }
    return out;
  }

  private Behavior<Command> release() {
    trainer.close();
    return this;
  }
}
