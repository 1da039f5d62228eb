package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's flags: TLS both or neither and readable, the public URL, and --help. */
class ServerArgumentsTest {
  @TempDir Path folder;

  private static ServerArguments parse(String... args) {
    return ServerArguments.parse(args, Map.of());
  }

  @Test
  void bothFlagsSetTheTlsSettings() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    Path key = Files.writeString(folder.resolve("key.pem"), "-");
    ServerArguments arguments = parse("--tls-cert", cert.toString(), "--tls-key", key.toString());
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
        .hasMessageContaining("--public-url")
        .hasMessageContaining("Missing required parameter");
  }

  @Test
  void aBadPublicUrlFromTheEnvironmentIsRefusedNamingTheVariable() {
    assertThatThrownBy(
            () -> ServerArguments.parse(new String[0], Map.of("DOWNHILL_PUBLIC_URL", "lan")))
        .hasMessageStartingWith("DOWNHILL_PUBLIC_URL must be");
  }

  @Test
  void helpListsEveryFlagAndTheSweepCommand() {
    StringWriter out = new StringWriter();
    int status = ServerCommand.commandLine(Map.of()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("Usage: downhill")
        .contains("--port")
        .contains("--db-url")
        .contains("--seed-nodes")
        .contains("--tls-cert")
        .contains("--public-url")
        .contains("sweep  Trains a learning-rate sweep");
  }

  @Test
  void anUnknownFlagIsRefusedWithStatusTwoAndTheUsage() {
    StringWriter err = new StringWriter();
    int status =
        ServerCommand.commandLine(Map.of()).setErr(new PrintWriter(err)).execute("--prot", "1");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .contains("Unknown option")
        .contains("'--prot'")
        .contains("Usage: downhill");
  }

  @Test
  void aBadPortIsRefusedNamingTheFlagOrTheVariable() {
    assertThatThrownBy(() -> parse("--port", "70000"))
        .hasMessage("--port must be a port from 0 to 65535, not '70000'");
    assertThatThrownBy(() -> ServerArguments.parse(new String[0], Map.of("DOWNHILL_PORT", "http")))
        .hasMessageStartingWith("DOWNHILL_PORT must be a port");
    assertThat(parse("--port", "0").port()).isZero();
  }
}
