package io.downhill.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at test time with the
 * JDK's keytool, written as the PEM files the server reads, and an SSLContext that trusts it.
 */
final class SelfSignedCertificate {
  private static final char[] PASSWORD = "changeit".toCharArray();

  final Path certPem;
  final Path keyPem;
  private final Certificate certificate;

  private SelfSignedCertificate(Path certPem, Path keyPem, Certificate certificate) {
    this.certPem = certPem;
    this.keyPem = keyPem;
    this.certificate = certificate;
  }

  /** Makes the certificate and its key in {@code folder}. */
  static SelfSignedCertificate makeIn(Path folder) throws IOException, GeneralSecurityException {
    Path store = folder.resolve("localhost.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "localhost",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    Key key = keyStore.getKey("localhost", PASSWORD);
    Certificate certificate = keyStore.getCertificate("localhost");
    Path certPem = folder.resolve("localhost.crt");
    Path keyPem = folder.resolve("localhost.key");
    Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
    // A PKCS#12 RSA key encodes as PKCS#8: "PRIVATE KEY", not "RSA PRIVATE KEY".
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(certPem, keyPem, certificate);
  }

  private static String pem(String kind, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n";
  }

  /** A TLS context that trusts this certificate and nothing else. */
  SSLContext trustingContext() throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("localhost", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
