package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The load tests' command lines: --help from the flags' own descriptions, refusals by name. */
class CommandLinesTest {
  @Test
  void helpListsEveryFlagOfTheStreamLoad() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--help"}))
        .isInstanceOf(CommandLines.HelpAsked.class)
        .message()
        .contains("Usage: StreamLoad")
        .contains("--url=URL")
        .contains("--steps-per-second=S")
        .contains("--server-pid=PID");
  }

  @Test
  void helpListsEveryFlagOfThePassivationLoad() {
    assertThatThrownBy(() -> PassivationOptions.parse(new String[] {"-h"}))
        .isInstanceOf(CommandLines.HelpAsked.class)
        .message()
        .contains("Usage: PassivationLoad")
        .contains("--touch=M")
        .contains("--passivate-after=D");
  }

  @Test
  void anUnknownFlagOrAMissingValueIsRefusedByName() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--clients"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--clients");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--clientz", "3"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option")
        .hasMessageContaining("--clientz");
  }

  @Test
  void aFlagGivenTwiceTakesItsLastValue() {
    LoadOptions options =
        LoadOptions.parse(
            new String[] {"--url", "http://127.0.0.1:8080", "--clients", "5", "--clients", "7"});
    org.assertj.core.api.Assertions.assertThat(options.clients()).isEqualTo(7);
  }
}
