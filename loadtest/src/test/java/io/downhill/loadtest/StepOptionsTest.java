package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepOptionsTest {
  @Test
  void defaultsAreARoomOfTwoHundredAskingFiftyStepsAtATime() {
    StepOptions options = StepOptions.parse(new String[] {"--url", "http://127.0.0.1:8080"});

    assertThat(options.sessions()).isEqualTo(200);
    assertThat(options.steps()).isEqualTo(50);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.serverPid()).isEqualTo(-1);
  }

  @Test
  void readsTheWindowAndTheServersProcess() {
    StepOptions options =
        StepOptions.parse(
            new String[] {
              "--url", "http://127.0.0.1:8080", "--duration", "2m", "--server-pid", "42"
            });

    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.serverPid()).isEqualTo(42);
  }

  @Test
  void aStepCountOutsideWhatTheServerAcceptsIsRefusedByName() {
    assertThatThrownBy(
            () ->
                StepOptions.parse(new String[] {"--url", "http://127.0.0.1:8080", "--steps", "0"}))
        .hasMessageContaining("--steps");
  }

  @Test
  void refusesATargetThatIsNotThisMachine() {
    assertThatThrownBy(() -> StepOptions.parse(new String[] {"--url", "http://10.1.2.3:8080"}))
        .hasMessageContaining("127.0.0.1");
  }
}
