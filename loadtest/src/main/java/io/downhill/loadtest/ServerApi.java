package io.downhill.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few REST calls the load tests make: create, step, run, pause and delete sessions, read a
 * session's step count and the server's metrics. One keep-alive connection pool for the whole test.
 */
final class ServerApi implements AutoCloseable {
  /** A session this test created, with the token that drives it. */
  record CreatedSession(String id, String token) {}

  /** The server answered with another status than the call expects. */
  static final class StatusException extends IllegalStateException {
    private final int status;

    StatusException(String message, int status) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final WebClient http;

  ServerApi(Vertx vertx, URI server) {
    this(vertx, server, 8);
  }

  /**
   * @param connections the pool's size: requests beyond it wait in this client, not at the server
   */
  ServerApi(Vertx vertx, URI server, int connections) {
    this.http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(server.getHost())
                .setDefaultPort(server.getPort())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  Future<CreatedSession> createSession() {
    return expect(http.post("/api/sessions"), new JsonObject(), 201)
        .map(body -> new CreatedSession(body.getString("id"), body.getString("token")));
  }

  /** Creates a session from a named preset, e.g. {@code notebook}. */
  Future<CreatedSession> createSession(String preset) {
    return expect(http.post("/api/sessions"), new JsonObject().put("preset", preset), 201)
        .map(body -> new CreatedSession(body.getString("id"), body.getString("token")));
  }

  /** Makes {@code count} steps at once; answers the step number in the reply's state. */
  Future<Long> steps(CreatedSession session, int count) {
    JsonObject body = new JsonObject().put("count", count);
    return expect(owned(http.post(path(session, "/steps")), session), body, 200)
        .map(reply -> reply.getJsonObject("state").getLong("step"));
  }

  /** Starts a run of {@code count} steps at {@code stepsPerSecond} (0: flat out). */
  Future<Void> run(CreatedSession session, long count, double stepsPerSecond) {
    JsonObject body = new JsonObject().put("count", count).put("stepsPerSecond", stepsPerSecond);
    return expect(owned(http.post(path(session, "/run")), session), body, 200).mapEmpty();
  }

  Future<Void> pause(CreatedSession session) {
    return expect(owned(http.post(path(session, "/pause")), session), null, 200).mapEmpty();
  }

  Future<Void> delete(CreatedSession session) {
    return expect(owned(http.delete(path(session, "")), session), null, 204).mapEmpty();
  }

  /** The number of the session's last step. */
  Future<Long> step(CreatedSession session) {
    return expect(http.get(path(session, "")), null, 200).map(body -> body.getLong("step"));
  }

  Future<ServerMetrics> metrics() {
    return expect(http.get("/api/metrics"), null, 200).map(ServerMetrics::of);
  }

  /**
   * Makes {@code call}, and makes it again a second later while the server answers 503 (a session
   * that did not answer within the ask timeout, as happens when the machine is saturated), up to
   * {@code attempts} times in all. Each call again is counted in {@code retried}, which the load
   * tests print as part of their result. Shared by the requests that create, run and pause
   * sessions.
   */
  static <T> Future<T> retryingUnavailable(
      Vertx vertx, Supplier<Future<T>> call, int attempts, AtomicInteger retried) {
    return call.get()
        .recover(
            failure -> {
              if (attempts > 1
                  && failure instanceof StatusException refused
                  && refused.status() == 503) {
                retried.incrementAndGet();
                return vertx
                    .timer(1000)
                    .compose(ignored -> retryingUnavailable(vertx, call, attempts - 1, retried));
              }
              return Future.failedFuture(failure);
            });
  }

  @Override
  public void close() {
    http.close();
  }

  private static String path(CreatedSession session, String suffix) {
    return "/api/sessions/" + session.id() + suffix;
  }

  private static HttpRequest<Buffer> owned(HttpRequest<Buffer> request, CreatedSession session) {
    return request.putHeader("Authorization", "Bearer " + session.token());
  }

  private static Future<JsonObject> expect(
      HttpRequest<Buffer> request, JsonObject body, int status) {
    Future<HttpResponse<Buffer>> sent =
        body == null ? request.timeout(30_000).send() : request.timeout(30_000).sendJson(body);
    return sent.map(
        response -> {
          if (response.statusCode() != status) {
            throw new StatusException(
                request.method()
                    + " "
                    + request.uri()
                    + " answered "
                    + response.statusCode()
                    + ": "
                    + response.bodyAsString(),
                response.statusCode());
          }
          return status == 204 ? new JsonObject() : response.bodyAsJsonObject();
        });
  }
}
