package io.downhill.gateway.sweep;

import io.downhill.sweep.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A sweep's loss curves as CSV or JSON, for download. */
public final class SweepExport {
  private SweepExport() {}

  /** The JSON form: the sweep's state, and each variant's curve at the recorded steps. */
  public record CurvesView(SweepView sweep, long stride, long[] steps, List<double[]> losses) {}

  public static CurvesView json(Sweep.Curves curves) {
    List<double[]> losses = new ArrayList<>(List.of(curves.losses()));
    return new CurvesView(SweepView.of(curves.state()), curves.stride(), curves.steps(), losses);
  }

  /** One row per recorded step; one column per variant, headed by its index and rate. */
  public static String csv(Sweep.Curves curves) {
    StringBuilder out = new StringBuilder("step");
    var variants = curves.state().variants();
    for (var variant : variants) {
      out.append(",v")
          .append(variant.index())
          .append("_lr=")
          .append(String.format(Locale.ROOT, "%.6g", variant.spec().learningRate()));
    }
    out.append('\n');
    for (int i = 0; i < curves.steps().length; i++) {
      out.append(curves.steps()[i]);
      for (double[] curve : curves.losses()) {
        double value = curve[i];
        out.append(',');
        if (Double.isFinite(value)) {
          out.append(String.format(Locale.ROOT, "%.17g", value).trim());
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
