package io.downhill.gateway.session;

import io.downhill.session.StepHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A session's recorded steps as a JSON page or as CSV rows, for download. */
public final class HistoryExport {
  /** The page's own numbers besides its steps: dropped, total, from, limit and next. */
  static final long OWN_NUMBERS = 5;

  private HistoryExport() {}

  /**
   * The JSON page of the steps the session answered with, cut further if they hold more numbers
   * than {@code maxValues} (a model can change between two asks). {@code from} and {@code limit}
   * are echoed as the page was asked.
   */
  public static HistoryPage page(
      StepHistory.History history, long from, long limit, long maxValues) {
    long room = maxValues - OWN_NUMBERS;
    List<StepView> steps = new ArrayList<>();
    for (int i = 0; i < history.steps().length && steps.size() < limit; i++) {
      double heldOut = history.validationLoss()[i];
      room -=
          (Double.isNaN(heldOut) ? 3L : 4L) + history.grad()[i].length + history.params()[i].length;
      if (room < 0 && !steps.isEmpty()) {
        break;
      }
      steps.add(
          new StepView(
              history.steps()[i],
              history.loss()[i],
              history.grad()[i],
              history.params()[i],
              history.lr()[i],
              StepView.heldOut(heldOut)));
    }
    Long next = null;
    if (!steps.isEmpty() && steps.get(steps.size() - 1).step() < history.recorded()) {
      next = steps.get(steps.size() - 1).step() + 1;
    }
    return new HistoryPage(
        history.id(),
        history.parameterNames(),
        history.dropped(),
        history.recorded() - history.dropped(),
        from,
        limit,
        next,
        steps);
  }

  /**
   * The CSV header: step, loss, lr, each parameter, then each gradient as grad_NAME, and last
   * validation_loss for a session that holds points out.
   */
  public static String csvHeader(List<String> parameterNames, boolean validated) {
    StringBuilder out = new StringBuilder("step,loss,lr");
    for (String name : parameterNames) {
      out.append(',').append(name);
    }
    for (String name : parameterNames) {
      out.append(",grad_").append(name);
    }
    if (validated) {
      out.append(",validation_loss");
    }
    return out.append('\n').toString();
  }

  /** The CSV rows of at most {@code limit} of these steps, in the order of {@link #csvHeader}. */
  public static String csvRows(StepHistory.History history, long limit, boolean validated) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < history.steps().length && i < limit; i++) {
      out.append(history.steps()[i]).append(',').append(number(history.loss()[i]));
      out.append(',').append(number(history.lr()[i]));
      for (double p : history.params()[i]) {
        out.append(',').append(number(p));
      }
      for (double g : history.grad()[i]) {
        out.append(',').append(number(g));
      }
      if (validated) {
        out.append(',').append(number(history.validationLoss()[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.17g", value).trim() : "";
  }
}
