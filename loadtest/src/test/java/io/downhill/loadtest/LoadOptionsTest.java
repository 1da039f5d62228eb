package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  @Test
  void defaultsAreTheIssuesScenario() {
    LoadOptions options = LoadOptions.parse(new String[] {"--url", "http://127.0.0.1:8080"});

    assertThat(options.clients()).isEqualTo(1000);
    assertThat(options.sessions()).isEqualTo(100);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.stepsPerSecond()).isEqualTo(200);
  }

  @Test
  void zeroStepsPerSecondMeansFlatOut() {
    LoadOptions options =
        LoadOptions.parse(new String[] {"--url", "http://localhost:1", "--steps-per-second", "0"});

    assertThat(options.stepsPerSecond()).isZero();
  }

  @Test
  void refusesATargetThatIsNotThisMachine() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url", "http://10.1.2.3:8080"}))
        .hasMessageContaining("127.0.0.1");
  }

  @Test
  void readsDurationsWithTheirUnits() {
    assertThat(CommandLines.duration("--d", "1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(CommandLines.duration("--d", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(CommandLines.duration("--d", "45")).isEqualTo(Duration.ofSeconds(45));
  }
}
