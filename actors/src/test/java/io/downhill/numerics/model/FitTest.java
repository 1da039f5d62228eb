package io.downhill.numerics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A model's fit gives the residuals and gradient its bound model's predict and gradient give. */
class FitTest {
  private static final double[] X = {-2, -1.3, -0.5, 0, 0.4, 1.1, 1.7, 2.5};
  private static final double[] Y = {9, 4, 2.5, 3, 3.5, 6, 11, 20};

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Polynomial.quadratic(), new double[] {1.1, 1.2, 1.3}, Loss.MAE),
        Arguments.of(new Polynomial(4), new double[] {0.1, -0.2, 0.3, 0.4, 0.5}, Loss.MSE),
        // A kink exactly on a point (x = 0): both forms pass no gradient through it.
        Arguments.of(new ReluSum(2), new double[] {-1.5, -2.0, 1.5, 0.0}, Loss.MAE),
        Arguments.of(new ReluSum(3), new double[] {1, 0.5, -1, 0.5, 2, -1}, Loss.MSE));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void residualsAndGradientEqualPredictAndGradient(Model model, double[] params, Loss loss) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(X);
      NDArray y = manager.create(Y);
      BoundModel bound = model.bind(x);
      Fit fit = bound.fit(y, loss.gradientScale(X.length));
      NDArray flat = manager.create(params);
      NDArray residuals = bound.predict(flat).sub(y);
      double[] expectedResiduals = residuals.toDoubleArray();
      double[] expectedGradient =
          bound.gradient(flat, loss.predictionGradient(residuals)).toDoubleArray();

      NDArray laidOut = manager.create(params, fit.parameterShape(params.length));
      try (ResidualPass pass = fit.residuals(laidOut)) {
        double[] actualResiduals = pass.residuals().toDoubleArray();
        double[] actualGradient = pass.gradient(loss.weights(pass.residuals())).toDoubleArray();
        for (int i = 0; i < X.length; i++) {
          assertThat(actualResiduals[i]).isCloseTo(expectedResiduals[i], within(1e-12));
        }
        for (int i = 0; i < params.length; i++) {
          assertThat(actualGradient[i]).isCloseTo(expectedGradient[i], within(1e-12));
        }
      }
    }
  }
}
