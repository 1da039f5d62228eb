package io.downhill.numerics.training;

import java.util.Locale;

/** How a trainer obtains its gradient. Both give the same numbers; they differ in cost. */
public enum GradientMethod {
  /**
   * The model's and loss's closed-form derivatives, as DJL ops: no gradient collector, so any
   * number of sessions compute gradients at once.
   */
  ANALYTIC,
  /**
   * DJL autograd through a gradient collector. DJL allows one open collector per JVM, so these
   * steps take turns in the {@link AutogradLane}.
   */
  AUTOGRAD;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
