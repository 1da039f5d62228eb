package io.downhill.numerics.training;

import io.downhill.numerics.model.Mlp;
import io.downhill.numerics.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds of a network's shape: 1 to {@link Mlp#MAX_LAYERS} hidden layers, each 1 to {@link
 * SpecLimits#maxUnits} wide, and at most {@link Mlp#MAX_PARAMETERS} parameters in all.
 */
final class NetworkLimits {
  private NetworkLimits() {}

  static List<FieldError> check(ModelSpec model, SpecLimits limits) {
    List<FieldError> errors = new ArrayList<>();
    List<Integer> hidden = model.hidden();
    if (hidden.isEmpty() || hidden.size() > Mlp.MAX_LAYERS) {
      errors.add(
          new FieldError(
              "model.hidden", "must hold 1 to " + Mlp.MAX_LAYERS + " hidden layer widths"));
      return errors;
    }
    for (int i = 0; i < hidden.size(); i++) {
      if (hidden.get(i) < 1 || hidden.get(i) > limits.maxUnits()) {
        errors.add(
            new FieldError(
                "model.hidden[" + i + "]",
                "must be a whole number from 1 to " + limits.maxUnits()));
      }
    }
    int parameters = Mlp.parameterCount(hidden);
    if (errors.isEmpty() && parameters > Mlp.MAX_PARAMETERS) {
      errors.add(
          new FieldError(
              "model.hidden",
              "a network may have at most "
                  + Mlp.MAX_PARAMETERS
                  + " parameters (here "
                  + parameters
                  + ")"));
    }
    return errors;
  }
}
