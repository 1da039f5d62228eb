package io.downhill.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.sweep.SweepState;
import io.downhill.sweep.VariantState;
import java.util.List;

/** A sweep's state on the wire; {@code token} appears once, in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(
    String id,
    String token,
    long seq,
    long step,
    long steps,
    Double target,
    String status,
    List<VariantView> variants,
    String node) {

  /** One variant: what distinguishes it, and how it stands. */
  public record VariantView(
      int index,
      double lr,
      String optimizer,
      String schedule,
      String lossKind,
      SpecView.Model model,
      String status,
      long steps,
      double loss,
      double bestLoss,
      Long reachedTargetAt,
      double[] params) {}

  public static SweepView of(SweepState state) {
    return of(state, null);
  }

  public static SweepView of(SweepState state, String token) {
    return new SweepView(
        state.id(),
        token,
        state.seq(),
        state.step(),
        state.steps(),
        Double.isNaN(state.targetLoss()) ? null : state.targetLoss(),
        state.status(),
        state.variants().stream().map(SweepView::variant).toList(),
        state.node());
  }

  static VariantView variant(VariantState v) {
    SpecView spec = SpecView.of(v.spec());
    return new VariantView(
        v.index(),
        v.spec().learningRate(),
        spec.optimizer().kind(),
        spec.schedule().kind(),
        spec.loss(),
        spec.model(),
        v.status(),
        v.steps(),
        v.loss(),
        v.bestLoss(),
        v.reachedTargetAt() < 0 ? null : v.reachedTargetAt(),
        v.params());
  }
}
