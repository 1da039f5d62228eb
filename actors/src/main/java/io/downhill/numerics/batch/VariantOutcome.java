package io.downhill.numerics.batch;

import java.util.Locale;

/** Where one variant of a batch stands. */
public enum VariantOutcome {
  /** Still stepping. */
  ACTIVE,
  /** Its loss fell below the target; it stopped there. */
  REACHED_TARGET,
  /** A non-finite loss; it stopped with its last finite parameters. */
  DIVERGED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
