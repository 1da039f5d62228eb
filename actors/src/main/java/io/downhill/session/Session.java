package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.DownhillSerializable;
import io.downhill.numerics.training.Divergence;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * One training session: owns its {@link Trainer} (and so its DJL manager and tensors) from start to
 * stop, and publishes its steps to subscribers.
 *
 * <p>Long work is cut into chunks of at most {@code slice-budget} each; between chunks the session
 * handles whatever else arrived, so pause, a new learning rate or new parameters take effect at
 * once. A step request and a run share the one work slot: at most one is under way.
 */
public final class Session extends AbstractBehavior<Session.Command> {

  /** Everything a session accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Replies with the current state. */
  public record GetState(ActorRef<Snapshot> replyTo) implements Command {}

  /** Replies with the recorded steps since the last reset (the most recent ones). */
  public record GetHistory(ActorRef<StepHistory.History> replyTo) implements Command {}

  /** Replies with the data points. */
  public record GetData(ActorRef<Data> replyTo) implements Command {}

  /** Evaluates the loss (and the model's curve) at other parameters, changing nothing. */
  public record Evaluate(double[] params, ActorRef<StatusReply<Evaluation>> replyTo)
      implements Command {}

  /** Replaces the parameters, as a person does with sliders. Pauses a run. */
  public record SetParams(double[] params, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Takes {@code count} steps and replies with all of them once done. */
  public record Step(int count, ActorRef<StatusReply<Stepped>> replyTo) implements Command {}

  /**
   * Starts a run of {@code count} steps, or changes the length of the run under way; replies at
   * once. With {@code stepsPerSecond > 0} the run is paced so a person can watch it.
   */
  public record Run(long count, double stepsPerSecond, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Stops the run or step request under way after its current chunk. */
  public record Pause(ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /** Returns to the spec's starting point. */
  public record Reset(ActorRef<StatusReply<Snapshot>> replyTo) implements Command {}

  /** Sets the base learning rate; the next step uses it, also in the middle of a run. */
  public record SetLearningRate(double learningRate, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Turns the lesson's gradient accumulation on or off. */
  public record SetAccumulateGradients(boolean accumulate, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /**
   * Replaces the session's spec — a new scenario, or a fork of another session — keeping its id,
   * token and subscribers; the run starts over from the new spec.
   */
  public record Reconfigure(TrainingSpec spec, ActorRef<StatusReply<Snapshot>> replyTo)
      implements Command {}

  /** Adds a subscriber; it first receives the state as it is, then every event. */
  public record Subscribe(ActorRef<SessionEvent> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<SessionEvent> subscriber) implements Command {}

  /** Stops the session and releases its tensors. */
  public enum Stop implements Command {
    INSTANCE
  }

  /** The reply to {@link Step}: the steps made, and why they ended early if they did. */
  public record Stepped(List<StepRecord> steps, Snapshot snapshot)
      implements DownhillSerializable {}

  /** The reply to {@link Evaluate}. */
  public record Evaluation(double loss, double[] curveX, double[] curveY)
      implements DownhillSerializable {}

  /** The reply to {@link GetData}. */
  public record Data(double[] x, double[] y) implements DownhillSerializable {}

  private record Continue(long job) implements Command {}

  private record SubscriberTerminated(ActorRef<SessionEvent> subscriber) implements Command {}

  /** Makes the session fail, to prove what a restart releases; for tests in this package. */
  record InjectFailure() implements Command {}

  private static final Object PACING_TIMER = "pacing";

  private final String id;
  private TrainingSpec spec;
  private final SessionSettings settings;
  private final NDManager parentManager;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Outbox outbox;
  private Trainer trainer;
  private StepHistory history;
  private Work work;

  /** One run or step request under way. */
  private static final class Work {
    final long id;
    long remaining;
    final double stepsPerSecond;
    double pacedCredit;
    long lastChunkNanos;
    final List<StepRecord> collected;
    final ActorRef<StatusReply<Stepped>> stepReplyTo;

    Work(long id, long remaining, double stepsPerSecond, ActorRef<StatusReply<Stepped>> replyTo) {
      this.id = id;
      this.remaining = remaining;
      this.stepsPerSecond = stepsPerSecond;
      this.stepReplyTo = replyTo;
      this.collected = replyTo == null ? null : new ArrayList<>();
    }
  }

  /**
   * Subscribers and the sequence counter outlive a restart of the session, so watchers keep
   * watching; they live as long as the session actor.
   */
  private static final class Outbox {
    final Set<ActorRef<SessionEvent>> subscribers = new LinkedHashSet<>();
    TrainingSpec spec;
    long seq;
    long jobs;
  }

  /**
   * The session's behaviour, restarted from its spec if it fails. The supervision is written here
   * rather than at the spawn site because the subscribers must survive the restart.
   */
  public static Behavior<Command> create(
      String id, TrainingSpec spec, SessionSettings settings, NDManager parentManager) {
    return Behaviors.setup(
        outer -> {
          Outbox outbox = new Outbox();
          outbox.spec = spec;
          return Behaviors.supervise(
                  Behaviors.<Command>withTimers(
                      timers ->
                          Behaviors.setup(
                              context ->
                                  new Session(
                                      context, timers, id, spec, settings, parentManager, outbox))))
              .onFailure(SupervisorStrategy.restart());
        });
  }

  private Session(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String id,
      TrainingSpec spec,
      SessionSettings settings,
      NDManager parentManager,
      Outbox outbox) {
    super(context);
    this.context = context;
    this.timers = timers;
    this.id = id;
    this.spec = outbox.spec;
    this.settings = settings;
    this.parentManager = parentManager;
    this.outbox = outbox;
    this.trainer = new Trainer(this.spec, parentManager);
    this.history = new StepHistory(settings.historyLimit(), trainer.model().parameterCount());
    for (ActorRef<SessionEvent> subscriber : outbox.subscribers) {
      context.watchWith(subscriber, new SubscriberTerminated(subscriber));
    }
    if (outbox.seq > 0) {
      publishState(SessionEvent.Change.RESTARTED);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetState.class, this::onGetState)
        .onMessage(GetData.class, this::onGetData)
        .onMessage(GetHistory.class, this::onGetHistory)
        .onMessage(Evaluate.class, this::onEvaluate)
        .onMessage(SetParams.class, this::onSetParams)
        .onMessage(Step.class, this::onStep)
        .onMessage(Run.class, this::onRun)
        .onMessage(Pause.class, this::onPause)
        .onMessage(Reset.class, this::onReset)
        .onMessage(SetLearningRate.class, this::onSetLearningRate)
        .onMessage(SetAccumulateGradients.class, this::onSetAccumulateGradients)
        .onMessage(Continue.class, this::onContinue)
        .onMessage(Reconfigure.class, this::onReconfigure)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(SubscriberTerminated.class, m -> onUnsubscribe(new Unsubscribe(m.subscriber())))
        .onMessageEquals(Stop.INSTANCE, this::onStop)
        .onMessage(
            InjectFailure.class,
            m -> {
              throw new IllegalStateException("failure injected into session " + id);
            })
        .onSignal(PreRestart.class, signal -> release())
        .onSignal(PostStop.class, signal -> release())
        .build();
  }

  private Behavior<Command> onGetState(GetState message) {
    message.replyTo().tell(snapshot());
    return this;
  }

  private Behavior<Command> onGetHistory(GetHistory message) {
    message.replyTo().tell(history.snapshot(id, trainer.model().parameterNames()));
    return this;
  }

  private Behavior<Command> onGetData(GetData message) {
    message.replyTo().tell(new Data(trainer.dataset().x(), trainer.dataset().y()));
    return this;
  }

  private Behavior<Command> onEvaluate(Evaluate message) {
    Optional<Refused> refused = checkParams(message.params());
    if (refused.isPresent()) {
      message.replyTo().tell(StatusReply.error(refused.get()));
      return this;
    }
    double[][] curve = trainer.curve(message.params());
    message
        .replyTo()
        .tell(
            StatusReply.success(
                new Evaluation(trainer.evaluate(message.params()), curve[0], curve[1])));
    return this;
  }

  private Behavior<Command> onSetParams(SetParams message) {
    Optional<Refused> refused = checkParams(message.params());
    if (refused.isPresent()) {
      message.replyTo().tell(StatusReply.error(refused.get()));
      return this;
    }
    endWork(SessionEvent.Change.RUN_PAUSED);
    trainer.setParams(message.params());
    message.replyTo().tell(StatusReply.success(publishState(SessionEvent.Change.PARAMS_SET)));
    return this;
  }

  private Behavior<Command> onStep(Step message) {
    if (message.count() < 1 || message.count() > settings.maxStepRequest()) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  Refused.invalid(
                      "count", "must be a whole number from 1 to " + settings.maxStepRequest())));
      return this;
    }
    if (work != null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.CONFLICT, null, "the session is running; pause it first")));
      return this;
    }
    startWork(new Work(++outbox.jobs, message.count(), 0, message.replyTo()));
    return this;
  }

  private Behavior<Command> onRun(Run message) {
    if (message.count() < 1 || message.count() > settings.maxRunSteps()) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  Refused.invalid(
                      "count", "must be a whole number from 1 to " + settings.maxRunSteps())));
      return this;
    }
    if (!(message.stepsPerSecond() >= 0) || message.stepsPerSecond() > 1e6) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  Refused.invalid("stepsPerSecond", "must be a number from 0 to 1000000")));
      return this;
    }
    if (work != null && work.stepReplyTo != null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.CONFLICT, null, "a step request is under way; wait for it")));
      return this;
    }
    timers.cancel(PACING_TIMER);
    work = null;
    startWork(new Work(++outbox.jobs, message.count(), message.stepsPerSecond(), null));
    message.replyTo().tell(StatusReply.success(publishState(SessionEvent.Change.RUN_STARTED)));
    return this;
  }

  private Behavior<Command> onPause(Pause message) {
    endWork(SessionEvent.Change.RUN_PAUSED);
    message.replyTo().tell(StatusReply.success(snapshot()));
    return this;
  }

  private Behavior<Command> onReset(Reset message) {
    endWork(null);
    trainer.reset();
    history.clear();
    message.replyTo().tell(StatusReply.success(publishState(SessionEvent.Change.RESET)));
    return this;
  }

  private Behavior<Command> onSetLearningRate(SetLearningRate message) {
    double rate = message.learningRate();
    if (!(rate > 0) || rate > settings.limits().maxMagnitude()) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  Refused.invalid(
                      "lr",
                      "must be a number above 0 and at most " + settings.limits().maxMagnitude())));
      return this;
    }
    trainer.setLearningRate(rate);
    message
        .replyTo()
        .tell(StatusReply.success(publishState(SessionEvent.Change.LEARNING_RATE_SET)));
    return this;
  }

  private Behavior<Command> onSetAccumulateGradients(SetAccumulateGradients message) {
    trainer.setAccumulateGradients(message.accumulate());
    message.replyTo().tell(StatusReply.success(publishState(SessionEvent.Change.ACCUMULATION_SET)));
    return this;
  }

  private Behavior<Command> onReconfigure(Reconfigure message) {
    var errors = message.spec().validate(settings.limits());
    if (!errors.isEmpty()) {
      message
          .replyTo()
          .tell(StatusReply.error(Refused.invalid(errors.get(0).field(), errors.get(0).message())));
      return this;
    }
    endWork(null);
    Trainer next = new Trainer(message.spec(), parentManager);
    trainer.close();
    trainer = next;
    spec = message.spec();
    outbox.spec = spec;
    history = new StepHistory(settings.historyLimit(), trainer.model().parameterCount());
    message.replyTo().tell(StatusReply.success(publishState(SessionEvent.Change.RECONFIGURED)));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe message) {
    if (outbox.subscribers.add(message.subscriber())) {
      context.watchWith(message.subscriber(), new SubscriberTerminated(message.subscriber()));
    }
    Snapshot now = snapshot();
    message
        .subscriber()
        .tell(new SessionEvent.StateChanged(id, now.seq(), SessionEvent.Change.SUBSCRIBED, now));
    return this;
  }

  private Behavior<Command> onUnsubscribe(Unsubscribe message) {
    if (outbox.subscribers.remove(message.subscriber())) {
      context.unwatch(message.subscriber());
    }
    return this;
  }

  private Behavior<Command> onStop() {
    endWork(null);
    publishState(SessionEvent.Change.STOPPED);
    return Behaviors.stopped();
  }

  private Behavior<Command> onContinue(Continue message) {
    if (work == null || work.id != message.job()) {
      return this; // a chunk of work that was paused or replaced meanwhile
    }
    runChunk();
    return this;
  }

  private void startWork(Work next) {
    work = next;
    if (next.stepsPerSecond > 0) {
      next.lastChunkNanos = System.nanoTime();
      timers.startSingleTimer(PACING_TIMER, new Continue(next.id), settings.pacedSliceInterval());
    } else {
      context.getSelf().tell(new Continue(next.id));
    }
  }

  /** One chunk: steps until the work, the chunk size, the pace or the time budget runs out. */
  private void runChunk() {
    long budgetNanos = settings.sliceBudget().toNanos();
    long started = System.nanoTime();
    long allowed = Math.min(work.remaining, settings.maxStepsPerSlice());
    if (work.stepsPerSecond > 0) {
      // Credit from the time that really passed, capped at two intervals: a session that fell
      // behind does not pile up a backlog of steps (or of timer ticks) to catch up with.
      long interval = settings.pacedSliceInterval().toNanos();
      long elapsed = Math.min(started - work.lastChunkNanos, 2 * interval);
      work.lastChunkNanos = started;
      work.pacedCredit =
          Math.min(
              work.pacedCredit + work.stepsPerSecond * elapsed / 1_000_000_000.0,
              Math.max(1, work.stepsPerSecond * 2 * interval / 1_000_000_000.0));
      allowed = Math.min(allowed, (long) work.pacedCredit);
      work.pacedCredit -= allowed;
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
    work.remaining -= chunk.size();
    if (!chunk.isEmpty()) {
      publish(new SessionEvent.Stepped(id, ++outbox.seq, List.copyOf(chunk), nowMillis()));
      if (work.collected != null) {
        work.collected.addAll(chunk);
      }
    }
    if (diverged) {
      endWork(SessionEvent.Change.DIVERGED);
    } else if (work.remaining == 0) {
      endWork(work.stepReplyTo == null ? SessionEvent.Change.RUN_FINISHED : null);
    } else if (work.stepsPerSecond == 0) {
      context.getSelf().tell(new Continue(work.id));
    } else {
      // One timer at a time, armed after the chunk: ticks never queue up behind a slow session.
      timers.startSingleTimer(PACING_TIMER, new Continue(work.id), settings.pacedSliceInterval());
    }
  }

  /** Ends the work under way, if any: answers a step request, publishes why it ended. */
  private void endWork(SessionEvent.Change why) {
    if (work == null) {
      if (why == SessionEvent.Change.DIVERGED) {
        publishState(why);
      }
      return;
    }
    Work ended = work;
    work = null;
    timers.cancel(PACING_TIMER);
    Snapshot state = why == null ? snapshot() : publishState(why);
    if (ended.stepReplyTo != null) {
      ended.stepReplyTo.tell(StatusReply.success(new Stepped(List.copyOf(ended.collected), state)));
    }
  }

  private Optional<Refused> checkParams(double[] params) {
    int expected = trainer.model().parameterCount();
    if (params == null || params.length != expected) {
      return Optional.of(Refused.invalid("params", "must hold " + expected + " numbers"));
    }
    double max = settings.limits().maxMagnitude();
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i]) || Math.abs(params[i]) > max) {
        return Optional.of(
            Refused.invalid(
                "params[" + i + "]", "must be a finite number of magnitude at most " + max));
      }
    }
    return Optional.empty();
  }

  /** Wall-clock time with sub-millisecond precision, for step-to-screen latency. */
  private static double nowMillis() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }

  private Snapshot publishState(SessionEvent.Change change) {
    outbox.seq++;
    Snapshot state = snapshot();
    publish(new SessionEvent.StateChanged(id, state.seq(), change, state));
    return state;
  }

  private void publish(SessionEvent event) {
    for (ActorRef<SessionEvent> subscriber : outbox.subscribers) {
      subscriber.tell(event);
    }
  }

  private Snapshot snapshot() {
    double[] params = trainer.params();
    Divergence divergence = trainer.divergence().orElse(null);
    Status status =
        divergence != null ? Status.DIVERGED : work != null ? Status.RUNNING : Status.IDLE;
    return new Snapshot(
        id,
        outbox.seq,
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
        spec);
  }

  private Behavior<Command> release() {
    trainer.close();
    return this;
  }
}
