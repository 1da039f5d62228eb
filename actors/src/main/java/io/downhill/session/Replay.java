package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Recomputes steps {@code from} to {@code to} of a session's current run from its journal: it reads
 * the events, starts a trainer of its own at the nearest state before {@code from}, and steps on in
 * chunks of at most the slice budget, so no message runs long. It answers once and stops, closing
 * its tensors. A child of the session that asked.
 */
final class Replay {
  private Replay() {}

  /** Local only: it never leaves the session's node. */
  interface Message extends NoSerializationVerificationNeeded {}

  private record Loaded(List<SessionJournalEvent> events, Throwable failure) implements Message {}

  private enum Continue implements Message {
    INSTANCE
  }

  /** The answer: the steps from {@code from} to {@code to}, or why there are none. */
  record Result(List<StepRecord> steps, Refused refused) {}

  static Behavior<Message> create(
      String sessionId,
      long from,
      long to,
      SessionSettings settings,
      NDManager parent,
      String readJournal,
      Consumer<Result> answer) {
    return Behaviors.setup(
        context -> {
          CurrentEventsByPersistenceIdQuery query =
              PersistenceQuery.get(context.getSystem())
                  .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournal);
          context.pipeToSelf(
              query
                  .currentEventsByPersistenceId(
                      Session.persistenceId(sessionId).id(), 0L, Long.MAX_VALUE)
                  .map(envelope -> (SessionJournalEvent) envelope.event())
                  .runWith(Sink.seq(), context.getSystem()),
              Loaded::new);
          return Behaviors.receive(Message.class)
              .onMessage(
                  Loaded.class,
                  loaded -> start(context, loaded, from, to, settings, parent, answer))
              .build();
        });
  }

  private static Behavior<Message> start(
      ActorContext<Message> context,
      Loaded loaded,
      long from,
      long to,
      SessionSettings settings,
      NDManager parent,
      Consumer<Result> answer) {
    if (loaded.failure() != null) {
      answer.accept(
          new Result(List.of(), Refused.limit("the journal could not be read; try again")));
      return Behaviors.stopped();
    }
    List<Trajectory.Anchor> anchors = Trajectory.currentRun(loaded.events());
    int first = Trajectory.lastAtOrBefore(anchors, Math.max(0, from - 1));
    if (first < 0) {
      answer.accept(new Result(List.of(), Refused.notFound("id", "no such session")));
      return Behaviors.stopped();
    }
    Trajectory.Anchor anchor = anchors.get(first);
    Trainer start = new Trainer(anchor.spec(), anchor.points(), parent);
    start.restore(anchor.trainer());
    // The trainer in use, and the points it trains on: an anchor with other points swaps it.
    Trainer[] trainer = {start};
    Dataset[] points = {anchor.points()};
    int[] next = {first + 1};
    List<StepRecord> steps = new ArrayList<>();
    if (from == 0) {
      // Step 0 is the start: its loss at the first parameters, before any gradient.
      steps.add(startOf(start));
    }
    context.getSelf().tell(Continue.INSTANCE);
    Duration budget = settings.sliceBudget();
    return Behaviors.receive(Message.class)
        .onMessageEquals(
            Continue.INSTANCE,
            () -> {
              long started = System.nanoTime();
              while (trainer[0].completedSteps() < to) {
                Optional<StepRecord> step = trainer[0].step();
                if (step.isEmpty()) {
                  break; // the run diverged here, as it did the first time
                }
                if (step.get().step() >= from) {
                  steps.add(step.get());
                }
                // A stored point at this step holds the inputs made there: take them.
                if (next[0] < anchors.size()
                    && anchors.get(next[0]).step() == trainer[0].completedSteps()) {
                  Trajectory.Anchor at = anchors.get(next[0]++);
                  if (at.points() != points[0]) {
                    // Points edited at this step: the steps after it train on the new ones.
                    Trainer edited = new Trainer(at.spec(), at.points(), parent);
                    trainer[0].close();
                    trainer[0] = edited;
                    points[0] = at.points();
                  }
                  trainer[0].restore(at.trainer());
                }
                if (System.nanoTime() - started > budget.toNanos()) {
                  context.getSelf().tell(Continue.INSTANCE);
                  return Behaviors.same();
                }
              }
              answer.accept(new Result(steps, null));
              return Behaviors.stopped();
            })
        .onSignal(
            PostStop.class,
            signal -> {
              trainer[0].close();
              return Behaviors.same();
            })
        .build();
  }

  /** Step 0, the start: its loss at the first parameters, before any gradient. */
  static StepRecord startOf(Trainer trainer) {
    double[] params = trainer.params();
    return new StepRecord(
        0,
        trainer.evaluate(params),
        trainer.lastGradient(),
        params,
        trainer.nextLearningRate(),
        trainer.evaluateHeldOut(params));
  }
}
