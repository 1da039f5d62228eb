package io.downhill.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Open connections are counted in total and per address; a trusted proxy meets the total only. */
class ConnectionLimitsTest {
  @Test
  void anAddressMayHoldUpToItsLimit() {
    ConnectionLimits limits = new ConnectionLimits(100, 2, List.of());
    assertThat(limits.admit("10.0.0.1")).isTrue();
    assertThat(limits.admit("10.0.0.1")).isTrue();
    assertThat(limits.admit("10.0.0.1")).isFalse();
    assertThat(limits.admit("10.0.0.2")).isTrue();
    assertThat(limits.openInTotal()).isEqualTo(3);
  }

  @Test
  void aClosedConnectionGivesItsPlaceBack() {
    ConnectionLimits limits = new ConnectionLimits(100, 1, List.of());
    assertThat(limits.admit("10.0.0.1")).isTrue();
    limits.release("10.0.0.1");
    assertThat(limits.admit("10.0.0.1")).isTrue();
    assertThat(limits.openInTotal()).isEqualTo(1);
  }

  @Test
  void theTotalHoldsForEveryAddress() {
    ConnectionLimits limits = new ConnectionLimits(2, 10, List.of());
    assertThat(limits.admit("10.0.0.1")).isTrue();
    assertThat(limits.admit("10.0.0.2")).isTrue();
    assertThat(limits.admit("10.0.0.3")).isFalse();
    limits.release("10.0.0.1");
    assertThat(limits.admit("10.0.0.3")).isTrue();
  }

  @Test
  void aTrustedProxyIsHeldToTheTotalOnly() {
    ConnectionLimits limits = new ConnectionLimits(3, 1, List.of("10.0.0.9"));
    assertThat(limits.admit("10.0.0.9")).isTrue();
    assertThat(limits.admit("10.0.0.9")).isTrue();
    assertThat(limits.admit("10.0.0.9")).isTrue();
    assertThat(limits.admit("10.0.0.9")).isFalse();
  }
}
