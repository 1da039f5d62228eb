package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pace's arithmetic on a fake clock: what is asked is what is made, whatever the tick. */
class PacerTest {
  private static final long MS = 1_000_000;

  /** Five seconds of ticks every {@code tickMs} (a late scheduler), steps counted. */
  private static long stepsIn5s(double rate, long tickMs) {
    Pacer pacer = new Pacer(rate, 100 * MS, 0);
    long made = 0;
    for (long now = tickMs * MS; now <= 5000 * MS; now += tickMs * MS) {
      made += pacer.take(now, Long.MAX_VALUE);
    }
    return made;
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 10, 30, 60, 200, 1000})
  void makesTheAskedRateOnA16msTick(double rate) {
    assertThat(stepsIn5s(rate, 16)).isBetween((long) (rate * 5 * 0.97), (long) (rate * 5 * 1.03));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 10, 30, 60, 200, 1000})
  void makesTheAskedRateWhenTheSchedulerRoundsTo20ms(double rate) {
    assertThat(stepsIn5s(rate, 20)).isBetween((long) (rate * 5 * 0.97), (long) (rate * 5 * 1.03));
  }

  @Test
  void aLongStallCatchesUpAtMostTheBurst() {
    Pacer pacer = new Pacer(1000, 100 * MS, 0);
    assertThat(pacer.take(10_000 * MS, Long.MAX_VALUE)).isEqualTo(100);
  }

  @Test
  void stepsNotMadeAreGivenBack() {
    Pacer pacer = new Pacer(100, 100 * MS, 0);
    long taken = pacer.take(100 * MS, Long.MAX_VALUE);
    assertThat(taken).isEqualTo(10);
    pacer.refund(4);
    assertThat(pacer.take(100 * MS, Long.MAX_VALUE)).isEqualTo(4);
  }

  @Test
  void aSlowRunWakesWhenItsNextStepIsDue() {
    Pacer pacer = new Pacer(2, 100 * MS, 0);
    pacer.take(100 * MS, Long.MAX_VALUE);
    assertThat(pacer.nanosUntilNextStep(16 * MS)).isEqualTo(400 * MS);
  }
}
