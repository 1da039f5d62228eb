package io.downhill.sweep;

import io.downhill.numerics.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest state of each of a sweep's variants while it is in memory, as the batches' chunks
 * report them. Kept apart from {@link SweepGroups}, which steers the batches and their lock-steps:
 * the variants' states are what callers see, whichever batch happens to train them.
 */
final class SweepVariants {
  private final SweepSpec spec;
  private final VariantState[] variants;

  /** Every variant of {@code spec}, fresh. */
  SweepVariants(SweepSpec spec) {
    this.spec = spec;
    this.variants = new VariantState[spec.variants().size()];
    reset();
  }

  int count() {
    return variants.length;
  }

  /**
   * Takes the variants' new states from a chunk.
   *
   * @return whether a variant that was still training diverged or reached the target in it
   */
  boolean take(List<VariantState> chunk) {
    boolean stopped = false;
    for (VariantState variant : chunk) {
      VariantState before = variants[variant.index()];
      stopped |=
          before != null
              && before.status() == VariantState.Status.ACTIVE
              && (variant.status() == VariantState.Status.DIVERGED
                  || variant.status() == VariantState.Status.REACHED_TARGET);
      variants[variant.index()] = variant;
    }
    return stopped;
  }

  /** Every variant back where it stands before its first step: active, with its initial values. */
  void reset() {
    for (int k = 0; k < variants.length; k++) {
      TrainingSpec variant = spec.variants().get(k);
      variants[k] =
          new VariantState(
              k,
              variant,
              VariantState.Status.ACTIVE,
              0,
              Double.NaN,
              Double.NaN,
              -1,
              variant.init());
    }
  }

  /** The variants' states in the sweep's order, as its subscribers and callers see them. */
  List<VariantState> list() {
    List<VariantState> list = new ArrayList<>(variants.length);
    for (VariantState variant : variants) {
      if (variant != null) {
        list.add(variant);
      }
    }
    return list;
  }
}
