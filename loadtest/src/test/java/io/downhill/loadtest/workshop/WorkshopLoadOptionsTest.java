package io.downhill.loadtest.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The workshop load test's flags: defaults, units, and refusals naming the flag. */
class WorkshopLoadOptionsTest {
  @Test
  void defaultsAreThreeHundredParticipantsAtThirtyStepsASecond() {
    WorkshopLoad.Options options = WorkshopLoad.Options.parse(new String[0]);
    assertThat(options.participants).isEqualTo(300);
    assertThat(options.stepsPerSecond).isEqualTo(30);
    assertThat(options.duration).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void durationsTakeTheirUnits() {
    WorkshopLoad.Options options =
        WorkshopLoad.Options.parse(new String[] {"--duration", "2m", "--warmup", "1500ms"});
    assertThat(options.duration).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.warmup).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void refusalsNameTheFlag() {
    assertThatThrownBy(() -> WorkshopLoad.Options.parse(new String[] {"--participants", "1001"}))
        .hasMessageContaining("--participants must be a whole number from 1 to 1000");
    assertThatThrownBy(
            () -> WorkshopLoad.Options.parse(new String[] {"--url", "http://10.0.0.9:1"}))
        .hasMessageContaining("127.0.0.1");
    assertThatThrownBy(
            () -> WorkshopLoad.Options.parse(new String[] {"--steps-per-second", "fast"}))
        .hasMessageContaining("--steps-per-second");
  }
}
