package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Requests no browser sends, against a real server on port 0, each with its pass criterion: the
 * answer is a 4xx JSON error (never a 5xx, never a stack trace), nothing outside the web root is
 * served, and at the end the server still answers, a session made before the suite is unchanged,
 * and no token reached the server's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsTest {
  // Listening before the server starts, so its start-up lines are read too.
  static final ListAppender<ILoggingEvent> log = listenToTheLog();
  @RegisterExtension static final LiveServer server = LiveServer.start();
  static final List<String> tokens = new ArrayList<>();
  static String keptId;
  static JsonObject keptState;

  private static ListAppender<ILoggingEvent> listenToTheLog() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    return appender;
  }

  @BeforeAll
  static void start() {
    JsonObject kept = server.create("{\"preset\":\"notebook\"}");
    keptId = kept.getString("id");
    tokens.add(kept.getString("token"));
    server.send(
        "POST", "/api/sessions/" + keptId + "/steps", kept.getString("token"), "{\"count\":3}");
    keptState = server.send("GET", "/api/sessions/" + keptId, null, null).bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  private static void assertRefusedCleanly(int status, String body) {
    assertThat(status).isBetween(400, 499);
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @Order(1)
  void deeplyNestedJsonIsRefused() throws IOException {
    String nested = "[".repeat(30_000) + "]".repeat(30_000);
    RawHttp.Response answer =
        RawHttp.request(
            server.port(),
            "POST",
            "/api/sessions",
            "localhost",
            nested.getBytes(StandardCharsets.UTF_8));
    assertRefusedCleanly(answer.status(), answer.body());
  }

  @Test
  @Order(2)
  void duplicateKeysAreRefusedNamingTheField() {
    HttpResponse<Buffer> answer =
        server.send("POST", "/api/sessions", null, "{\"preset\":\"notebook\",\"preset\":\"relu\"}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getString("error")).containsIgnoringCase("duplicate");
  }

  @Test
  @Order(3)
  void aTenMegabyteBodyIsCutOff() {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    huge[huge.length - 1] = '}';
    try {
      RawHttp.Response answer =
          RawHttp.request(server.port(), "POST", "/api/sessions", "localhost", huge);
      assertThat(answer.status()).isEqualTo(413);
    } catch (IOException cutOff) {
      // The server may close the connection before the body is sent: also a pass.
    }
  }

  @Test
  @Order(4)
  void nothingOutsideTheWebRootIsServed() throws IOException {
    for (String path :
        List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/js/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/vendor/uplot/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/..%5c..%5c..%5cetc%5cpasswd",
            "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd")) {
      RawHttp.Response answer = RawHttp.request(server.port(), "GET", path, "localhost", null);
      assertThat(answer.status()).as(path).isBetween(400, 499);
      assertThat(answer.body()).as(path).doesNotContain("root:");
    }
  }

  @Test
  @Order(5)
  void aVeryLongUrlIsRefused() throws IOException {
    String path = "/api/sessions/" + "a".repeat(100_000);
    RawHttp.Response answer = RawHttp.request(server.port(), "GET", path, "localhost", null);
    assertThat(answer.status()).isBetween(400, 499);
  }

  @Test
  @Order(6)
  void markupAndRightToLeftNamesAreShownAsTextOrRefused() {
    JsonObject workshop =
        server.send("POST", "/api/workshops", null, "{\"title\":\"Names\"}").bodyAsJsonObject();
    tokens.add(workshop.getString("instructorToken"));
    String code = workshop.getString("code");
    HttpResponse<Buffer> markup =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", code).put("name", "<script>alert(1)</script>").encode());
    assertThat(markup.statusCode()).isEqualTo(200);
    tokens.add(markup.bodyAsJsonObject().getString("token"));
    HttpResponse<Buffer> rtl =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", code).put("name", "Ada\u202Egnp.exe").encode());
    assertThat(rtl.statusCode()).isEqualTo(400);
    assertThat(rtl.bodyAsJsonObject().getString("field")).isEqualTo("name");
    HttpResponse<Buffer> emoji =
        server.send(
            "POST",
            "/api/workshops/join",
            null,
            new JsonObject().put("code", code).put("name", "\uD83D\uDE00".repeat(40)).encode());
    assertThat(emoji.statusCode()).isEqualTo(200);
    tokens.add(emoji.bodyAsJsonObject().getString("token"));
  }

  @Test
  @Order(100)
  void afterTheSuiteTheServerAnswersAndTheEarlierSessionIsUnchanged() {
    JsonObject now = server.send("GET", "/api/sessions/" + keptId, null, null).bodyAsJsonObject();
    assertThat(now.getLong("step")).isEqualTo(keptState.getLong("step"));
    assertThat(now.getJsonArray("params")).isEqualTo(keptState.getJsonArray("params"));
    assertThat(server.send("GET", "/api/health", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(101)
  void noTokenEverReachesTheLog() {
    assertThat(tokens).isNotEmpty();
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : log.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(event.getThrowableProxy().getMessage());
      }
    }
    assertThat(lines).isNotEmpty();
    for (String token : tokens) {
      assertThat(lines).noneMatch(line -> line != null && line.contains(token));
    }
  }
}
