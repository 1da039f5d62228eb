package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every answer, page or API, success or error, carries the security headers. */
class SecurityHeadersTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  @ParameterizedTest(name = "{0} {1} ({2})")
  @CsvSource({
    "GET, /, 200",
    "GET, /workshop/join.html, 200",
    "GET, /js/api.js, 200",
    "GET, /vendor/uplot/uPlot.min.css, 200",
    "GET, /no-such-page.html, 404",
    "GET, /api/health, 200",
    "GET, /api/sessions/nope/at/x, 400",
    "GET, /api/nothing-here, 404",
    "POST, /api/sessions, 400",
  })
  void everyAnswerCarriesTheSecurityHeaders(String method, String path, int status) {
    HttpResponse<Buffer> response =
        server.send(method, path, null, method.equals("GET") ? null : "[");
    assertThat(response.statusCode()).isEqualTo(status);
    String policy = response.getHeader("Content-Security-Policy");
    assertThat(policy)
        .contains("default-src 'self'")
        .contains("connect-src 'self'")
        .contains("img-src 'self' data:")
        .contains("object-src 'none'")
        .contains("base-uri 'none'")
        .contains("form-action 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void plainHttpSendsNoStrictTransportSecurity() {
    // Only a server speaking TLS itself sends it; behind a TLS proxy, the proxy does.
    assertThat(server.send("GET", "/", null, null).getHeader("Strict-Transport-Security")).isNull();
  }
}
