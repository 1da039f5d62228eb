package io.downhill.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test classes' one server: a real Downhill on a free port for the whole class, with a client
 * Vert.x and an HTTP client for it, started before the class's own {@code @BeforeAll} and stopped
 * after its {@code @AfterAll}. Register it with {@code @RegisterExtension static final LiveServer
 * server = LiveServer.start(overrides);}.
 */
public final class LiveServer implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, Object> overrides;
  private Vertx vertx;
  private RunningServer running;

  private LiveServer(Map<String, Object> overrides) {
    this.overrides = overrides;
  }

  /** A server with the test defaults. */
  public static LiveServer start() {
    return new LiveServer(Map.of());
  }

  /** A server with these settings over the test defaults. */
  public static LiveServer start(Map<String, Object> overrides) {
    return new LiveServer(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    running = RunningServer.start(vertx, overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (running != null) {
        running.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The Vert.x the test's own clients (WebSocket, HTTP) run on. */
  public Vertx vertx() {
    return vertx;
  }

  public DownhillServer downhill() {
    return running.server;
  }

  public WebClient http() {
    return running.http;
  }

  public int port() {
    return running.port();
  }

  /** A blocking request, for test set-up only (never on an event loop). */
  public HttpResponse<Buffer> send(String method, String path, String token, String body) {
    return running.send(method, path, token, body);
  }

  /** Creates a session from {@code spec} and returns the created state with its token. */
  public JsonObject create(String spec) {
    return running.create(spec);
  }
}
