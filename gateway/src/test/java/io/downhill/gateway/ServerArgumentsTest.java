package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS flags: both or neither, and files that can be read. */
class ServerArgumentsTest {
  @TempDir Path folder;

  private static Main.ServerArguments parse(String... args) {
    return Main.ServerArguments.parse(args, Map.of());
  }

  @Test
  void bothFlagsSetTheTlsSettings() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    Path key = Files.writeString(folder.resolve("key.pem"), "-");
    Main.ServerArguments arguments =
        parse("--tls-cert", cert.toString(), "--tls-key", key.toString());
    var config = arguments.tlsOver(TestServers.config(Map.of()));
    assertThat(config.getString("downhill.gateway.tls.cert")).isEqualTo(cert.toString());
    assertThat(config.getString("downhill.gateway.tls.key")).isEqualTo(key.toString());
  }

  @Test
  void noFlagLeavesTheConfiguration() {
    var config = parse().tlsOver(TestServers.config(Map.of()));
    assertThat(config.getString("downhill.gateway.tls.cert")).isEmpty();
  }

  @Test
  void aCertificateWithoutAKeyIsRefused() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    assertThatThrownBy(() -> parse("--tls-cert", cert.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--tls-cert needs --tls-key too");
  }

  @Test
  void aKeyWithoutACertificateIsRefused() throws Exception {
    Path key = Files.writeString(folder.resolve("key.pem"), "-");
    assertThatThrownBy(() -> parse("--tls-key", key.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--tls-key needs --tls-cert too");
  }

  @Test
  void aFileThatCannotBeReadIsRefusedNamingTheFlag() throws Exception {
    Path key = Files.writeString(folder.resolve("key.pem"), "-");
    assertThatThrownBy(
            () ->
                parse(
                    "--tls-cert",
                    folder.resolve("missing.pem").toString(),
                    "--tls-key",
                    key.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--tls-cert: cannot read ")
        .hasMessageContaining("missing.pem");
  }

  @Test
  void aPublicUrlIsPassedToTheGateway() {
    var config =
        parse("--public-url", "http://192.168.1.20:8080/")
            .publicUrlOver(TestServers.config(Map.of()));
    assertThat(config.getString("downhill.gateway.public-url"))
        .isEqualTo("http://192.168.1.20:8080");
  }

  @Test
  void aBadPublicUrlIsRefusedNamingTheFlag() {
    assertThatThrownBy(() -> parse("--public-url", "192.168.1.20:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--public-url must be");
    assertThatThrownBy(() -> parse("--public-url"))
        .hasMessageContaining("--public-url needs a value");
  }

  @Test
  void aBadPublicUrlFromTheEnvironmentIsRefusedNamingTheVariable() {
    assertThatThrownBy(
            () -> Main.ServerArguments.parse(new String[0], Map.of("DOWNHILL_PUBLIC_URL", "lan")))
        .hasMessageStartingWith("DOWNHILL_PUBLIC_URL must be");
  }
}
