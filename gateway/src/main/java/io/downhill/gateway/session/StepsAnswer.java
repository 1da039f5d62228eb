package io.downhill.gateway.session;

import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.WireJson;
import io.downhill.numerics.training.StepRecord;
import io.downhill.session.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the steps a request took into an answer of bounded size, over REST and the WebSocket alike:
 * the most recent steps that fit the budget beside the state (which ends the answer in any case),
 * and a link to the history for the ones left out, so ten thousand steps of a large model never
 * become one answer of tens of megabytes.
 */
public final class StepsAnswer {
  /** The answer's own numbers besides the steps and the state ({@code omitted}). */
  private static final long OWN_NUMBERS = 1;

  private final AnswerBudget budget;

  public StepsAnswer(AnswerBudget budget) {
    this.budget = budget;
  }

  public StepsView of(Session.Stepped stepped) {
    SessionView state = SessionView.of(stepped.snapshot());
    List<StepRecord> taken = stepped.steps();
    long room = budget.maxValues() - OWN_NUMBERS - WireJson.numbers(state);
    List<StepView> kept = new ArrayList<>();
    for (int i = taken.size() - 1; i >= 0; i--) {
      StepRecord step = taken.get(i);
      room -= numbers(step);
      if (room < 0 && !kept.isEmpty()) {
        break;
      }
      kept.add(StepView.of(step));
    }
    Collections.reverse(kept);
    long omitted = taken.size() - kept.size();
    if (omitted == 0) {
      return new StepsView(kept, state, false, 0, null);
    }
    String history =
        "/api/sessions/" + stepped.snapshot().id() + "/history?from=" + taken.get(0).step();
    return new StepsView(kept, state, true, omitted, history);
  }

  /** A step's numbers: its number, loss and rate, and each entry of its gradient and parameters. */
  static long numbers(StepRecord step) {
    return 3L + step.gradient().length + step.params().length;
  }
}
