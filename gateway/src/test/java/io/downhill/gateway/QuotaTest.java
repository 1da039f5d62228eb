package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quotas per client address over real HTTP, from two loopback addresses (the second client binds
 * its socket to 127.0.0.2): one address past its limit gets 429 with Retry-After and a message
 * naming the limit; the other is not affected; deleting frees a place.
 */
class QuotaTest {
  static Vertx vertx;
  static DownhillServer server;
  static WebClient first;
  static WebClient second;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server =
        TestServers.start(
            Map.of(
                "downhill.gateway.quota.sessions", 3,
                "downhill.gateway.quota.workshops", 1,
                "downhill.gateway.quota.creates-per-minute", 8));
    first = client("127.0.0.1");
    second = client("127.0.0.2");
  }

  private static WebClient client(String localAddress) {
    return WebClient.create(
        vertx,
        new WebClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(server.port())
            .setLocalAddress(localAddress));
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static HttpResponse<Buffer> send(
      WebClient client, HttpMethod method, String path, String token, String body) {
    var request = client.request(method, path).putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    var reply = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return reply.toCompletionStage().toCompletableFuture().join();
  }

  private static HttpResponse<Buffer> createSession(WebClient client) {
    return send(client, HttpMethod.POST, "/api/sessions", null, "{\"preset\":\"notebook\"}");
  }

  @Test
  void anAddressPastItsSessionLimitIsRefusedAndAnotherIsNot() {
    String lastId = null;
    String lastToken = null;
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> made = createSession(first);
      assertThat(made.statusCode()).isEqualTo(201);
      lastId = made.bodyAsJsonObject().getString("id");
      lastToken = made.bodyAsJsonObject().getString("token");
    }
    HttpResponse<Buffer> refused = createSession(first);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("at most 3 sessions");

    assertThat(createSession(second).statusCode()).isEqualTo(201);

    assertThat(
            send(first, HttpMethod.DELETE, "/api/sessions/" + lastId, lastToken, null).statusCode())
        .isEqualTo(204);
    assertThat(createSession(first).statusCode()).isEqualTo(201);
  }

  @Test
  void workshopsHaveTheirOwnLimit() {
    assertThat(send(second, HttpMethod.POST, "/api/workshops", null, "{}").statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> refused = send(second, HttpMethod.POST, "/api/workshops", null, "{}");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("at most 1 workshops");
  }

  @Test
  void creationsPerMinuteAreLimitedPerAddressEvenWhenNothingIsKept() {
    WebClient third = client("127.0.0.3");
    try {
      int made = 0;
      HttpResponse<Buffer> last = null;
      for (int i = 0; i < 12; i++) {
        last = createSession(third);
        if (last.statusCode() == 201) {
          made++;
          var created = last.bodyAsJsonObject();
          send(
              third,
              HttpMethod.DELETE,
              "/api/sessions/" + created.getString("id"),
              created.getString("token"),
              null);
        }
      }
      assertThat(made).isEqualTo(8);
      assertThat(last.statusCode()).isEqualTo(429);
      assertThat(last.getHeader("Retry-After")).isNotBlank();
      assertThat(last.bodyAsJsonObject().getString("error")).contains("8 creations a minute");
    } finally {
      third.close();
    }
  }
}
