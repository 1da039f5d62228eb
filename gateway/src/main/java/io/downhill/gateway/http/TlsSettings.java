package io.downhill.gateway.http;

import com.typesafe.config.Config;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the server speaks HTTPS and WSS itself, and with which certificate and private key (PEM
 * files), read once from {@code downhill.gateway.tls}. Both empty: plain HTTP. Fixed at start.
 *
 * @param cert the certificate chain, or null when TLS is off
 * @param key the certificate's private key (PKCS#8 or PKCS#1), or null when TLS is off
 */
public record TlsSettings(Path cert, Path key) {
  static final String CERT = "downhill.gateway.tls.cert";
  static final String KEY = "downhill.gateway.tls.key";

  /** Refuses, naming the setting, one file without the other and a file it cannot read. */
  public static TlsSettings from(Config config) {
    String cert = config.getString(CERT).strip();
    String key = config.getString(KEY).strip();
    if (cert.isEmpty() && key.isEmpty()) {
      return new TlsSettings(null, null);
    }
    if (cert.isEmpty() || key.isEmpty()) {
      String missing = cert.isEmpty() ? CERT : KEY;
      String given = cert.isEmpty() ? KEY : CERT;
      throw new IllegalArgumentException(given + " is set, so " + missing + " must be too");
    }
    return new TlsSettings(readable(cert, CERT), readable(key, KEY));
  }

  /** A file the server can read, or an error naming {@code source} (a setting or a flag). */
  public static Path readable(String file, String source) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(source + ": cannot read " + path.toAbsolutePath());
    }
    return path;
  }

  public boolean enabled() {
    return cert != null;
  }

  /** The scheme pages are served under: {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return enabled() ? "https" : "http";
  }

  /**
   * Turns TLS on in {@code options} when it is configured. HTTP/1.1 only (no ALPN), as over plain
   * HTTP: browsers open their WebSockets over HTTP/1.1 in any case.
   */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    if (!enabled()) {
      return options;
    }
    return options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(cert.toAbsolutePath().toString())
                .setKeyPath(key.toAbsolutePath().toString()));
  }
}
