package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.downhill.gateway.join.QrSvg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The join address a room is shown: the public URL the server was given, answered to by name, and
 * the QR code of its join page with the code, for the instructor only.
 */
class JoinAddressesApiTest {
  static final String PUBLIC = "http://downhill.lan:8080";

  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(Map.of("downhill.gateway.public-url", PUBLIC + "/"));

  private JsonObject open() {
    HttpResponse<Buffer> response =
        server.send("POST", "/api/workshops", null, "{\"title\":\"Lesson\"}");
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> qr(String id, String token, String base) {
    String query =
        base == null
            ? ""
            : "?base=" + java.net.URLEncoder.encode(base, java.nio.charset.StandardCharsets.UTF_8);
    return server.send("GET", "/api/workshops/" + id + "/qr.svg" + query, token, null);
  }

  @Test
  void theAddressesAreThePublicUrlWhenOneIsSet() {
    JsonObject addresses =
        server.send("GET", "/api/server/addresses", null, null).bodyAsJsonObject();
    assertThat(addresses.getString("source")).isEqualTo("public-url");
    assertThat(addresses.getJsonArray("urls").getList()).containsExactly(PUBLIC);
    assertThat(addresses.getString("joinPath")).isEqualTo("/workshop/join.html");
  }

  @Test
  void theServerAnswersToThePublicUrlsHostName() throws Exception {
    RawHttp.Response page =
        RawHttp.exchange(
            server.port(), "GET /workshop/join.html HTTP/1.1\r\nHost: downhill.lan:8080", null);
    assertThat(page.status()).isEqualTo(200);
  }

  @Test
  void theQrCodeLeadsToTheJoinPageWithTheCode() {
    JsonObject workshop = open();
    HttpResponse<Buffer> svg =
        qr(workshop.getString("id"), workshop.getString("instructorToken"), PUBLIC);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.getHeader("content-type")).startsWith("image/svg+xml");
    assertThat(svg.bodyAsString())
        .startsWith("<svg")
        .isEqualTo(QrSvg.of(PUBLIC + "/workshop/join.html#code=" + workshop.getString("code")));
  }

  @Test
  void theQrCodeNeedsTheInstructorsToken() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    assertThat(qr(id, null, PUBLIC).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> wrong = qr(id, "not-the-token", PUBLIC);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.bodyAsString()).doesNotContain("Exception");
  }

  @Test
  void theQrCodeIsDrawnOnlyForAnAddressOfThisServer() {
    JsonObject workshop = open();
    String id = workshop.getString("id");
    String token = workshop.getString("instructorToken");
    for (String base : new String[] {"https://elsewhere.example", "javascript:alert(1)", ""}) {
      HttpResponse<Buffer> refused = qr(id, token, base);
      assertThat(refused.statusCode()).as(base).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("base");
    }
    // The page's own address (here localhost) is one the instructor may pick too.
    assertThat(qr(id, token, "http://localhost:" + server.port()).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadPublicUrlInTheConfigurationStopsTheStartNamingTheSetting() {
    assertThatThrownBy(
            () -> TestServers.start(Map.of("downhill.gateway.public-url", "downhill.lan")))
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("downhill.gateway.public-url must be the address participants open");
  }
}
