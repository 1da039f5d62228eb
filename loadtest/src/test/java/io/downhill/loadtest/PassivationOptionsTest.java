package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PassivationOptionsTest {
  private static final String[] REQUIRED = {"--url", "http://127.0.0.1:8080", "--server-pid", "42"};

  private static String[] with(String... more) {
    String[] args = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
    System.arraycopy(more, 0, args, REQUIRED.length, more.length);
    return args;
  }

  @Test
  void defaultsAreTheIssuesScenario() {
    PassivationOptions options = PassivationOptions.parse(REQUIRED);

    assertThat(options.sessions()).isEqualTo(100_000);
    assertThat(options.touch()).isEqualTo(1000);
    assertThat(options.passivateAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.serverPid()).isEqualTo(42);
  }

  @Test
  void waitsForPassivationAMinuteLongerThanTheServerWaitsToPassivate() {
    PassivationOptions options = PassivationOptions.parse(with("--passivate-after", "2m"));

    assertThat(options.passivationWait()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void needsTheServersProcessToReadItsMemory() {
    assertThatThrownBy(
            () -> PassivationOptions.parse(new String[] {"--url", "http://127.0.0.1:8080"}))
        .hasMessageContaining("--server-pid");
  }

  @Test
  void cannotTouchMoreSessionsThanItCreates() {
    assertThatThrownBy(() -> PassivationOptions.parse(with("--sessions", "10", "--touch", "11")))
        .hasMessageContaining("--touch");
  }

  @Test
  void refusesATargetThatIsNotThisMachine() {
    assertThatThrownBy(
            () ->
                PassivationOptions.parse(
                    new String[] {"--url", "http://10.1.2.3:8080", "--server-pid", "42"}))
        .hasMessageContaining("127.0.0.1");
  }
}
