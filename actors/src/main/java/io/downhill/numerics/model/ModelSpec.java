package io.downhill.numerics.model;

import java.util.List;
import java.util.Locale;

/**
 * Which model a session fits, as plain values.
 *
 * @param kind the family
 * @param size the polynomial's degree, the number of ReLUs, or the number of hidden layers of a
 *     network; ignored for the quadratic
 * @param hidden the widths of a network's hidden layers, first to last; empty for other kinds
 */
public record ModelSpec(Kind kind, int size, List<Integer> hidden) {

  /** The model families. */
  public enum Kind {
    QUADRATIC,
    POLYNOMIAL,
    RELU_SUM,
    MLP;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public ModelSpec {
    // Specs stored before networks existed have no widths.
    hidden = hidden == null ? List.of() : List.copyOf(hidden);
  }

  /** A model without hidden layers: the quadratic, a polynomial or a sum of ReLUs. */
  public ModelSpec(Kind kind, int size) {
    this(kind, size, List.of());
  }

  public static ModelSpec quadratic() {
    return new ModelSpec(Kind.QUADRATIC, 2);
  }

  /** A network of ReLU layers of these widths, first to last, and a linear output. */
  public static ModelSpec mlp(List<Integer> hidden) {
    return new ModelSpec(Kind.MLP, hidden.size(), hidden);
  }

  /** Makes the model. */
  public Model create() {
    return switch (kind) {
      case QUADRATIC -> Polynomial.quadratic();
      case POLYNOMIAL -> new Polynomial(size);
      case RELU_SUM -> new ReluSum(size);
      case MLP -> new Mlp(hidden);
    };
  }

  public int parameterCount() {
    return switch (kind) {
      case QUADRATIC -> 3;
      case POLYNOMIAL -> size + 1;
      case RELU_SUM -> 2 * size;
      case MLP -> Mlp.parameterCount(hidden);
    };
  }
}
