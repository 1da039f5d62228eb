package io.downhill.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is on with a certificate and a key, off with neither, and refused with one of them. */
class TlsSettingsTest {
  @TempDir Path folder;

  private static Config config(Map<String, String> values) {
    return ConfigFactory.parseMap(values).withFallback(ConfigFactory.load());
  }

  @Test
  void neitherFileMeansPlainHttp() {
    TlsSettings tls = TlsSettings.from(config(Map.of()));
    assertThat(tls.enabled()).isFalse();
    assertThat(tls.scheme()).isEqualTo("http");
  }

  @Test
  void bothFilesMeanHttps() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    Path key = Files.writeString(folder.resolve("key.pem"), "-");
    TlsSettings tls =
        TlsSettings.from(
            config(Map.of(TlsSettings.CERT, cert.toString(), TlsSettings.KEY, key.toString())));
    assertThat(tls.enabled()).isTrue();
    assertThat(tls.scheme()).isEqualTo("https");
  }

  @Test
  void aCertificateWithoutAKeyIsRefusedNamingTheKey() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    assertThatThrownBy(() -> TlsSettings.from(config(Map.of(TlsSettings.CERT, cert.toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downhill.gateway.tls.cert is set, so downhill.gateway.tls.key must be too");
  }

  @Test
  void aFileThatCannotBeReadIsRefusedNamingTheSettingAndTheFile() throws Exception {
    Path cert = Files.writeString(folder.resolve("cert.pem"), "-");
    Path missing = folder.resolve("no-such-key.pem");
    assertThatThrownBy(
            () ->
                TlsSettings.from(
                    config(
                        Map.of(
                            TlsSettings.CERT,
                            cert.toString(),
                            TlsSettings.KEY,
                            missing.toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("downhill.gateway.tls.key: cannot read ")
        .hasMessageContaining("no-such-key.pem");
  }
}
