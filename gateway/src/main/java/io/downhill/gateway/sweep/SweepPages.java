package io.downhill.gateway.sweep;

import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.session.HistoryExport;
import io.downhill.gateway.sweep.SweepView.VariantView;
import io.downhill.sweep.SweepState;
import io.downhill.sweep.VariantState;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's state in pages of variants that fit the answer's budget: a sweep of ten thousand
 * variants of a large model would otherwise answer megabytes to a request of a few bytes. Each page
 * says the index of the next ({@code next}), as {@link HistoryExport} does for steps.
 */
public final class SweepPages {
  /** The state's own numbers besides its variants: seq, step, steps, target, variantCount, next. */
  static final long OWN_NUMBERS = 6;

  private final AnswerBudget budget;

  public SweepPages(AnswerBudget budget) {
    this.budget = budget;
  }

  /** The variants from index {@code from} on, at most {@code limit} and as many as fit. */
  public SweepView page(SweepState state, String token, long from, long limit) {
    List<VariantState> all = state.variants();
    long room = budget.maxValues() - OWN_NUMBERS;
    List<VariantView> part = new ArrayList<>();
    int index = (int) Math.min(from, all.size());
    while (index < all.size() && part.size() < limit) {
      VariantView variant = SweepView.variant(all.get(index));
      room -= numbers(variant);
      if (room < 0 && !part.isEmpty()) {
        break;
      }
      part.add(variant);
      index++;
    }
    return SweepView.part(state, token, part, index < all.size() ? index : null);
  }

  /** The first page: what commands answer with. */
  public SweepView first(SweepState state, String token) {
    return page(state, token, 0, Long.MAX_VALUE);
  }

  /**
   * A variant's numbers: index, rate, steps, loss, best loss and the step it reached the target
   * (each written, null when there is none), the model's size and the parameters.
   */
  static long numbers(VariantView variant) {
    return 6L
        + (variant.model().degree() == null ? 0 : 1)
        + (variant.model().units() == null ? 0 : 1)
        + variant.params().length;
  }
}
