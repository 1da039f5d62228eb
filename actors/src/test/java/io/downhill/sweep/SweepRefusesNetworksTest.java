package io.downhill.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.access.Refused;
import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep runs its variants in one batch, which networks do not have yet: it refuses them. */
class SweepRefusesNetworksTest {
  @Test
  void aSweepOfANetworkIsRefusedOnTheModelKind() {
    TrainingSpec n = Presets.notebook();
    ModelSpec model = ModelSpec.mlp(List.of(4));
    TrainingSpec network =
        new TrainingSpec(
            n.data(),
            model,
            n.loss(),
            n.optimizer(),
            0.01,
            n.schedule(),
            false,
            DefaultInit.forModel(model, n.data()),
            n.gradients());
    Refused one =
        new SweepSpec(List.of(network), 10, Double.NaN)
            .check(SpecLimits.defaults(), 100, 1000, 1_000_000);
    assertThat(one.field()).isEqualTo("model.kind");
    assertThat(one.kind()).isEqualTo(Refused.Kind.INVALID);
    Refused second =
        new SweepSpec(List.of(n, network), 10, Double.NaN)
            .check(SpecLimits.defaults(), 100, 1000, 1_000_000);
    assertThat(second.field()).isEqualTo("variants[1].model.kind");
  }
}
