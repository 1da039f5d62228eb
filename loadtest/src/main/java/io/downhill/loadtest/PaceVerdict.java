package io.downhill.loadtest;

import java.util.Locale;

/**
 * Steps made against steps asked. A paced run that makes less than {@link #LEAST_MADE} of its rate
 * fails the load test, unless the machine had no CPU to spare (then the server could not have kept
 * its word, and the shortfall says nothing about it). Full-speed runs ask for no rate and are not
 * judged.
 *
 * @param askedPerSecond steps a second all sessions together asked for (0: full speed)
 * @param madePerSecond steps a second they made (NaN when unknown)
 * @param machineBusy the fraction of all the machine's cores busy over the window (NaN when
 *     unknown)
 */
public record PaceVerdict(double askedPerSecond, double madePerSecond, double machineBusy) {
  /** The least fraction of the asked rate a run must make. */
  public static final double LEAST_MADE = 0.95;

  /** Above this fraction of all cores busy, the machine has no CPU to spare. */
  public static final double SATURATED = 0.90;

  public boolean judged() {
    return askedPerSecond > 0 && !Double.isNaN(madePerSecond);
  }

  public double madeFraction() {
    return madePerSecond / askedPerSecond;
  }

  public boolean machineSaturated() {
    return !Double.isNaN(machineBusy) && machineBusy >= SATURATED;
  }

  /** Whether the server made too little while it could have made more. */
  public boolean failed() {
    return judged() && madeFraction() < LEAST_MADE && !machineSaturated();
  }

  /** One line: asked, made, the fraction, and the verdict. */
  public String describe() {
    if (!judged()) {
      return "not judged (full speed, or steps made unknown)";
    }
    String verdict;
    if (madeFraction() >= LEAST_MADE) {
      verdict = "kept";
    } else if (machineSaturated()) {
      verdict =
          String.format(
              Locale.ROOT, "short, but the machine was %.0f%% busy: not judged", 100 * machineBusy);
    } else {
      verdict = String.format(Locale.ROOT, "FAILED: under %.0f%%", 100 * LEAST_MADE);
    }
    return String.format(
        Locale.ROOT,
        "asked %,.0f steps/s, made %,.0f (%.1f%%): %s",
        askedPerSecond,
        madePerSecond,
        100 * madeFraction(),
        verdict);
  }
}
