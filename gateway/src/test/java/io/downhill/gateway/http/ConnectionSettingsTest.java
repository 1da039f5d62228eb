package io.downhill.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection settings' defaults, and a refusal naming a setting out of range. */
class ConnectionSettingsTest {
  @Test
  void theDefaultsLeaveRoomForAPageAndItsWebSockets() {
    ConnectionSettings settings = ConnectionSettings.from(ConfigFactory.load());
    assertThat(settings.maxConnections()).isEqualTo(10_000);
    assertThat(settings.maxConnectionsPerAddress())
        .isEqualTo(200)
        .isGreaterThan(ConfigFactory.load().getInt("downhill.gateway.max-websockets-per-address"));
    assertThat(settings.maxWebSockets()).isEqualTo(5000);
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.headerDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.bodyDeadline()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aLimitUnderOneIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () ->
                ConnectionSettings.from(
                    ConfigFactory.parseMap(Map.of("downhill.gateway.max-connections", 0))
                        .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downhill.gateway.max-connections must be at least 1, not 0");
  }

  @Test
  void aDeadlineOfZeroIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () ->
                ConnectionSettings.from(
                    ConfigFactory.parseMap(Map.of("downhill.gateway.header-deadline", "0s"))
                        .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("downhill.gateway.header-deadline must be longer than 0");
  }
}
