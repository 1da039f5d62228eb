package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A network's shape is checked field by field, and its size counts toward the work budget. */
class NetworkLimitsTest {
  private static final SpecLimits LIMITS = SpecLimits.defaults();

  private static TrainingSpec network(List<Integer> hidden, int points, double[] init) {
    TrainingSpec n = Presets.notebook();
    var data =
        new io.downhill.numerics.data.DataSpec(
            n.data().target(), points, -2, 2, 0.4, 1.5, n.data().seed());
    return new TrainingSpec(
        data,
        new ModelSpec(ModelSpec.Kind.MLP, hidden.size(), hidden),
        n.loss(),
        n.optimizer(),
        0.01,
        n.schedule(),
        false,
        init,
        n.gradients());
  }

  private static TrainingSpec network(List<Integer> hidden) {
    return network(hidden, 20, new double[ModelSpec.mlp(hidden).parameterCount()]);
  }

  private static List<String> fields(TrainingSpec spec) {
    return spec.validate(LIMITS).stream().map(FieldError::field).toList();
  }

  @Test
  void oneToThreeLayersOfOneToSixtyFourUnitsAreSound() {
    assertThat(fields(network(List.of(1)))).isEmpty();
    assertThat(fields(network(List.of(8, 8)))).isEmpty();
    assertThat(fields(network(List.of(16, 16, 16)))).isEmpty();
    assertThat(fields(network(List.of(64)))).isEmpty();
  }

  @Test
  void noLayersOrMoreThanThreeAreRefusedOnTheList() {
    assertThat(fields(network(List.of(), 20, new double[1]))).containsExactly("model.hidden");
    assertThat(fields(network(List.of(2, 2, 2, 2)))).containsExactly("model.hidden");
  }

  @Test
  void aWidthOutOfRangeIsRefusedOnItsIndex() {
    assertThat(fields(network(List.of(4, 0), 20, new double[13])))
        .containsExactly("model.hidden[1]");
    assertThat(fields(network(List.of(65), 20, new double[196])))
        .containsExactly("model.hidden[0]");
  }

  @Test
  void moreThanTheMostParametersIsRefusedOnTheList() {
    List<FieldError> errors = network(List.of(64, 64)).validate(LIMITS);
    assertThat(errors)
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("model.hidden"));
    assertThat(errors.get(0).message()).contains("1024").contains("4353");
  }

  @Test
  void aWrongNumberOfStartingParametersIsRefusedOnInit() {
    assertThat(fields(network(List.of(8, 8), 20, new double[3]))).containsExactly("init");
  }

  @Test
  void pointsTimesParametersCountTowardTheWorkBudget() {
    ModelSpec model = ModelSpec.mlp(List.of(16, 16, 16)); // 593 parameters
    TrainingSpec big =
        network(
            List.of(16, 16, 16), 10_000, DefaultInit.forModel(model, Presets.notebook().data()));
    assertThat(fields(big)).containsExactly("data.n");
  }
}
