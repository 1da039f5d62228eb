package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaceVerdictTest {
  @Test
  void aRunThatMadeWhatItAskedKeepsItsWord() {
    PaceVerdict verdict = new PaceVerdict(20_000, 19_100, 0.5);
    assertThat(verdict.failed()).isFalse();
    assertThat(verdict.describe()).contains("asked 20,000", "made 19,100", "95.5%", "kept");
  }

  @Test
  void aRunThatMadeLessWhileTheMachineHadCpuToSpareFails() {
    PaceVerdict verdict = new PaceVerdict(20_000, 12_700, 0.6);
    assertThat(verdict.failed()).isTrue();
    assertThat(verdict.describe()).contains("63.5%", "FAILED");
  }

  @Test
  void aShortfallOnASaturatedMachineIsNotJudged() {
    PaceVerdict verdict = new PaceVerdict(20_000, 12_700, 0.97);
    assertThat(verdict.failed()).isFalse();
    assertThat(verdict.describe()).contains("97% busy", "not judged");
  }

  @Test
  void fullSpeedRunsAndUnknownFiguresAreNotJudged() {
    assertThat(new PaceVerdict(0, 50_000, 0.5).failed()).isFalse();
    assertThat(new PaceVerdict(1000, Double.NaN, 0.5).judged()).isFalse();
    // Unknown machine load: a shortfall counts.
    assertThat(new PaceVerdict(1000, 900, Double.NaN).failed()).isTrue();
  }
}
