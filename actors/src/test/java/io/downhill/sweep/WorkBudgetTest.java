package io.downhill.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.access.Refused;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The work budget refuses what would make too large a tensor or too many steps, naming why. */
class WorkBudgetTest {
  private static final SpecLimits LIMITS = SpecLimits.defaults();

  @Test
  void aSessionOverTheTensorBudgetIsRefusedOnItsPoints() {
    SpecLimits small = new SpecLimits(10_000, 12, 64, 1e6, 50);
    TrainingSpec notebook = Presets.notebook(); // 20 points × 3 parameters = 60
    assertThat(notebook.validate(small))
        .singleElement()
        .satisfies(error -> assertThat(error.field()).isEqualTo("data.n"));
    assertThat(notebook.validate(LIMITS)).isEmpty();
  }

  @Test
  void aSweepCountsEveryVariantTowardTheTensorBudget() {
    // 10,000 variants × 20 points × 3 parameters = 600,000: within the default 2,000,000.
    SweepSpec fits =
        new SweepSpec(Collections.nCopies(10_000, Presets.notebook()), 1000, Double.NaN);
    assertThat(fits.check(LIMITS, 10_000, 10_000_000, 1_000_000_000_000L)).isNull();
    SpecLimits tight = new SpecLimits(10_000, 12, 64, 1e6, 500_000);
    Refused refused = fits.check(tight, 10_000, 10_000_000, 1_000_000_000_000L);
    assertThat(refused.field()).isEqualTo("variants");
    assertThat(refused.message()).contains("600000");
  }

  @Test
  void aSweepOverTheStepBudgetIsRefusedOnItsSteps() {
    SweepSpec long_ =
        new SweepSpec(Collections.nCopies(1000, Presets.notebook()), 10_000_000, Double.NaN);
    Refused refused = long_.check(LIMITS, 10_000, 10_000_000, 1_000_000_000L);
    assertThat(refused.field()).isEqualTo("steps");
    assertThat(refused.kind()).isEqualTo(Refused.Kind.INVALID);
  }
}
