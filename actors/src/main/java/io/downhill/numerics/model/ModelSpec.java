package io.downhill.numerics.model;

import java.util.Locale;

/**
 * Which model a session fits, as plain values.
 *
 * @param kind the family
 * @param size the polynomial's degree, or the number of ReLUs; ignored for the quadratic
 */
public record ModelSpec(Kind kind, int size) {

  /** The model families. */
  public enum Kind {
    QUADRATIC,
    POLYNOMIAL,
    RELU_SUM;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static ModelSpec quadratic() {
    return new ModelSpec(Kind.QUADRATIC, 2);
  }

  /** Makes the model. */
  public Model create() {
    return switch (kind) {
      case QUADRATIC -> Polynomial.quadratic();
      case POLYNOMIAL -> new Polynomial(size);
      case RELU_SUM -> new ReluSum(size);
    };
  }

  public int parameterCount() {
    return switch (kind) {
      case QUADRATIC -> 3;
      case POLYNOMIAL -> size + 1;
      case RELU_SUM -> 2 * size;
    };
  }
}
