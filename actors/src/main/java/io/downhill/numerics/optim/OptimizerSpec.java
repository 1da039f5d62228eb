package io.downhill.numerics.optim;

import java.util.Locale;

/**
 * Which optimizer a session uses, with its hyper-parameters. Plain values: the optimizer itself,
 * with its state arrays, is made from this inside the actor that owns the parameters.
 *
 * @param kind SGD, SGD with momentum, or Adam
 * @param momentum the momentum factor (SGD with momentum)
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator guard
 */
public record OptimizerSpec(
    Kind kind, double momentum, double beta1, double beta2, double epsilon) {

  /** The optimizer families. */
  public enum Kind {
    SGD,
    MOMENTUM,
    ADAM;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static OptimizerSpec sgd() {
    return new OptimizerSpec(Kind.SGD, 0.9, 0.9, 0.999, 1e-8);
  }

  public OptimizerSpec withKind(Kind newKind) {
    return new OptimizerSpec(newKind, momentum, beta1, beta2, epsilon);
  }
}
