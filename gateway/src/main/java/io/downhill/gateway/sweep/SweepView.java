package io.downhill.gateway.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.gateway.session.SpecView;
import io.downhill.sweep.SweepState;
import io.downhill.sweep.VariantState;
import java.util.List;

/**
 * A sweep's state on the wire; {@code token} appears once, in the answer that created it. It holds
 * {@code variants} from some index on, of the {@code variantCount} the sweep has; {@code next} is
 * the index of the first one left out (null when the rest are all here), so a sweep of thousands of
 * variants arrives in parts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(
    String id,
    String token,
    long seq,
    long step,
    long steps,
    Double target,
    String status,
    int variantCount,
    @JsonInclude(JsonInclude.Include.ALWAYS) Integer next,
    List<VariantView> variants,
    String node,
    double stepsPerSecond) {

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

  /** The state with every variant: for exports, which are downloads. */
  public static SweepView of(SweepState state) {
    return part(state, null, variants(state), null);
  }

  /** The state holding {@code variants}, the part of the sweep's that ends before {@code next}. */
  public static SweepView part(
      SweepState state, String token, List<VariantView> variants, Integer next) {
    return new SweepView(
        state.id(),
        token,
        state.seq(),
        state.step(),
        state.steps(),
        Double.isNaN(state.targetLoss()) ? null : state.targetLoss(),
        state.status().wireName(),
        state.variants().size(),
        next,
        variants,
        state.node(),
        state.stepsPerSecond());
  }

  public static List<VariantView> variants(SweepState state) {
    return state.variants().stream().map(SweepView::variant).toList();
  }

  public static VariantView variant(VariantState v) {
    SpecView spec = SpecView.of(v.spec());
    return new VariantView(
        v.index(),
        v.spec().learningRate(),
        spec.optimizer().kind(),
        spec.schedule().kind(),
        spec.loss(),
        spec.model(),
        v.status().wireName(),
        v.steps(),
        v.loss(),
        v.bestLoss(),
        v.reachedTargetAt() < 0 ? null : v.reachedTargetAt(),
        v.params());
  }
}
