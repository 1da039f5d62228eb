package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.session.Session.Command;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;

/**
 * A session's answers that change nothing: its data, a page of its history, the state at a past
 * step (replayed from the journal when no longer in memory) and the loss at other parameters.
 */
final class SessionReads {
  private final String id;
  private final ActorContext<Command> context;
  private final SessionSettings settings;
  private final NDManager parentManager;

  SessionReads(
      String id, ActorContext<Command> context, SessionSettings settings, NDManager parentManager) {
    this.id = id;
    this.context = context;
    this.settings = settings;
    this.parentManager = parentManager;
  }

  void data(Trainer trainer, Session.GetData message) {
    message
        .replyTo()
        .tell(
            StatusReply.success(
                new Session.Data(
                    trainer.dataset().x(),
                    trainer.dataset().y(),
                    trainer.validation().x(),
                    trainer.validation().y())));
  }

  /**
   * A page of the kept steps of the current run. After a restart or passivation the session
   * remembers none, so the page's steps alone are recomputed from the journal.
   */
  void history(Trainer trainer, StepHistory history, Session.GetHistory message) {
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

  void at(Trainer trainer, StepHistory history, Session.GetAt message) {
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

  private void replay(long from, long to, Consumer<Replay.Result> answer) {
    String readJournal =
        context.getSystem().settings().config().getString("downhill.persistence.read-journal");
    context.spawnAnonymous(
        Replay.create(id, from, to, settings, parentManager, readJournal, answer));
  }

  void evaluate(Trainer trainer, Session.Evaluate message) {
    Refused refused = checkParams(trainer, message.params(), settings.limits());
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

  /** Null when {@code params} fit the trainer's model and the limits; otherwise why not. */
  static Refused checkParams(Trainer trainer, double[] params, SpecLimits limits) {
    int expected = trainer.model().parameterCount();
    if (params == null || params.length != expected) {
      return Refused.invalid("params", "must hold " + expected + " numbers");
    }
    double max = limits.maxMagnitude();
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i]) || Math.abs(params[i]) > max) {
        return Refused.invalid(
            "params[" + i + "]", "must be a finite number of magnitude at most " + max);
      }
    }
    return null;
  }
}
