package io.downhill.gateway.api;

import io.downhill.gateway.wire.StepView;
import io.downhill.session.StepHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A session's recorded steps as CSV or JSON, for download. */
public final class HistoryExport {
  private HistoryExport() {}

  /** The JSON form: the parameter names, how many early steps were dropped, and the steps. */
  public record HistoryView(
      String id, List<String> paramNames, long dropped, List<StepView> steps) {}

  public static HistoryView json(StepHistory.History history) {
    List<StepView> steps = new ArrayList<>(history.steps().length);
    for (int i = 0; i < history.steps().length; i++) {
      steps.add(
          new StepView(
              history.steps()[i],
              history.loss()[i],
              history.grad()[i],
              history.params()[i],
              history.lr()[i]));
    }
    return new HistoryView(history.id(), history.parameterNames(), history.dropped(), steps);
  }

  /** CSV with a header: step, loss, lr, each parameter, then each gradient as grad_NAME. */
  public static String csv(StepHistory.History history) {
    StringBuilder out = new StringBuilder("step,loss,lr");
    for (String name : history.parameterNames()) {
      out.append(',').append(name);
    }
    for (String name : history.parameterNames()) {
      out.append(",grad_").append(name);
    }
    out.append('\n');
    for (int i = 0; i < history.steps().length; i++) {
      out.append(history.steps()[i]).append(',').append(number(history.loss()[i]));
      out.append(',').append(number(history.lr()[i]));
      for (double p : history.params()[i]) {
        out.append(',').append(number(p));
      }
      for (double g : history.grad()[i]) {
        out.append(',').append(number(g));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.17g", value).trim() : "";
  }
}
