package io.downhill.gateway;

import com.typesafe.config.Config;
import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.ConnectionGuard;
import io.downhill.gateway.http.ConnectionSettings;
import io.downhill.gateway.http.ErrorView;
import io.downhill.gateway.http.ForeignOrigins;
import io.downhill.gateway.http.GatewaySettings;
import io.downhill.gateway.http.HostAllowList;
import io.downhill.gateway.http.JsonContentType;
import io.downhill.gateway.http.OriginPolicy;
import io.downhill.gateway.http.QuotaSettings;
import io.downhill.gateway.http.Quotas;
import io.downhill.gateway.http.Replies;
import io.downhill.gateway.http.SecurityHeaders;
import io.downhill.gateway.http.TlsSettings;
import io.downhill.gateway.join.JoinAddresses;
import io.downhill.gateway.join.JoinApi;
import io.downhill.gateway.join.PublicUrl;
import io.downhill.gateway.operations.Meters;
import io.downhill.gateway.operations.Operations;
import io.downhill.gateway.session.SessionCommands;
import io.downhill.gateway.session.SessionSocketCommands;
import io.downhill.gateway.session.SessionTopic;
import io.downhill.gateway.session.SessionsApi;
import io.downhill.gateway.sweep.SweepTopic;
import io.downhill.gateway.sweep.SweepsApi;
import io.downhill.gateway.websocket.Heartbeat;
import io.downhill.gateway.websocket.WebSocketEndpoint;
import io.downhill.gateway.websocket.WebSocketUpgrade;
import io.downhill.gateway.workshop.WorkshopTopic;
import io.downhill.gateway.workshop.WorkshopsApi;
import io.downhill.numerics.training.Presets;
import io.downhill.session.SessionSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP server: REST under {@code /api}, the WebSocket at {@code /ws}, and the browser UI at
 * {@code /}. One instance; the router is built here, in one place.
 */
public final class GatewayVerticle extends VerticleBase {
  private final SessionClient client;
  private final GatewaySettings settings;
  private final SessionSettings sessionSettings;
  private final SessionCommands sessionCommands;
  private final int maxVariants;
  private HttpServer server;
  private final QuotaSettings quotaSettings;
  private final TlsSettings tls;
  private final ConnectionSettings connectionSettings;
  private ConnectionGuard connections;
  private Heartbeat heartbeat;
  private WebSocketEndpoint webSockets;
  private final Meters meters;
  private final String publicUrl;

  public GatewayVerticle(
      SessionClient client,
      GatewaySettings settings,
      SessionSettings sessionSettings,
      Meters meters) {
    this.client = client;
    this.meters = meters;
    this.quotaSettings = QuotaSettings.from(systemConfig());
    this.tls = TlsSettings.from(systemConfig());
    this.connectionSettings = ConnectionSettings.from(systemConfig());
    this.settings = settings;
    this.sessionSettings = sessionSettings;
    this.sessionCommands = new SessionCommands(client, sessionSettings);
    this.maxVariants = systemConfig().getInt("downhill.sweep.max-variants");
    String configured = systemConfig().getString("downhill.gateway.public-url");
    // A bad address is refused at start, naming the setting, not found out by a room of phones.
    this.publicUrl =
        configured.isBlank() ? null : PublicUrl.parse(configured, "downhill.gateway.public-url");
  }

  @Override
  public Future<?> start() {
    webSockets =
        new WebSocketEndpoint(
            vertx,
            context,
            settings,
            systemConfig().getInt("downhill.gateway.max-commands-in-flight"),
            // A subscribe naming none of these fields is taken for a session's.
            List.of(new WorkshopTopic(client), new SweepTopic(client), new SessionTopic(client)),
            new SessionSocketCommands(sessionCommands, AnswerBudget.from(systemConfig())).all());
    webSockets.start();
    registerMeters();
    connections = new ConnectionGuard(vertx, connectionSettings, quotaSettings.trustedProxies());
    heartbeat = new Heartbeat(vertx, connectionSettings.idleTimeout().dividedBy(3));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setMaxWebSocketFrameSize(settings.maxFrameBytes())
            .setMaxWebSocketMessageSize(settings.maxFrameBytes())
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setWebSocketClosingTimeout(2)
            .setCompressionSupported(true);
    server =
        vertx
            .createHttpServer(connectionSettings.applyTo(tls.applyTo(options)))
            .connectionHandler(connections::onConnection)
            .requestHandler(router());
    return server.listen().recover(this::listenFailed);
  }

  /**
   * A certificate or key Vert.x cannot parse is named as such, not as a bare parse error. A port
   * already taken is an IOException and is left as it is.
   */
  private Future<HttpServer> listenFailed(Throwable failure) {
    if (!tls.enabled() || failure instanceof java.io.IOException) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(
        new IllegalArgumentException(
            "TLS certificate "
                + tls.cert()
                + " or key "
                + tls.key()
                + " is not usable: "
                + failure.getMessage()));
  }

  @Override
  public Future<?> stop() {
    if (webSockets != null) {
      webSockets.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Sends every WebSocket client a close frame saying the server is going away (1001). */
  public Future<Void> closeStreams() {
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    context.runOnContext(
        ignored -> {
          if (webSockets == null) {
            closed.complete();
          } else {
            webSockets.goingAway().onComplete(closed);
          }
        });
    return closed.future();
  }

  /** Downhill's own meters, read from the streaming side when Prometheus scrapes. */
  private void registerMeters() {
    io.downhill.gateway.operations.StreamMeters.register(meters, webSockets);
    // Sessions in memory come from an ask to sharding: read every few seconds, not per scrape.
    vertx.setPeriodic(
        5000, id -> client.entitiesInMemory(context).onSuccess(meters::sessionsInMemory));
  }

  /** The actor system's configuration, where every setting is read from. */
  private Config systemConfig() {
    return client.system().settings().config();
  }

  /** {@code https} when the server speaks TLS itself, else {@code http}. */
  public String scheme() {
    return tls.scheme();
  }

  /** The port the server listens on (the chosen one when configured with 0). */
  public int actualPort() {
    return server.actualPort();
  }

  public WebSocketEndpoint webSockets() {
    return webSockets;
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(connections::onRequest);
    router.route().handler(io.downhill.gateway.operations.StreamMeters.httpRefusals(meters));
    java.util.List<String> hosts = new java.util.ArrayList<>(settings.allowedHosts());
    if (publicUrl != null) {
      hosts.add(PublicUrl.host(publicUrl)); // participants come by that name
    }
    router.route().handler(HostAllowList.of(settings.host(), hosts));
    SecurityHeaders.mount(router, tls.enabled());
    OriginPolicy origins = new OriginPolicy(settings.allowedOrigins(), tls.enabled());
    router
        .get("/ws")
        .handler(
            new WebSocketUpgrade(
                webSockets,
                origins,
                connectionSettings.maxWebSockets(),
                quotaSettings.trustedProxies(),
                connections,
                heartbeat));
    router.route("/api/*").handler(new ForeignOrigins(origins));
    router.route("/api/*").handler(new JsonContentType());
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
    Quotas quotas = new Quotas(quotaSettings);
    new SessionsApi(client, sessionCommands, sessionSettings, quotas).mount(router);
    new SweepsApi(client, sessionSettings, maxVariants, quotas).mount(router);
    new WorkshopsApi(client, sessionSettings, settings.wrongJoinCodesPerMinute(), quotas)
        .mount(router);
    new JoinApi(
            client, new JoinAddresses(publicUrl, settings.host(), tls.scheme()), this::actualPort)
        .mount(router);
    new io.downhill.gateway.cluster.ClusterApi(client.downhillClient()).mount(router);
    new Operations(
            meters, client.system(), systemConfig().getString("downhill.gateway.metrics-token"))
        .mount(router, vertx);
    router.get("/api/presets").handler(this::presets);
    router.get("/api/health").handler(ctx -> Replies.json(ctx, 200, Map.of("status", "up")));
    router.get("/api/metrics").handler(this::metrics);
    router
        .route("/api/*")
        .handler(ctx -> Replies.json(ctx, 404, new ErrorView("no such endpoint", null)));
    router.route("/api/*").failureHandler(Replies::status);
    router
        .route("/vendor/uplot/*")
        .handler(
            StaticHandler.create(
                "META-INF/resources/webjars/uplot/" + UplotVersion.VERSION + "/dist"));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    return router;
  }

  /** Operational figures, read by the load tests: heap, sessions, clients and frames. */
  public record MetricsView(
      long heapUsedBytes,
      long heapMaxBytes,
      int sessions,
      int webSocketClients,
      int watchedSessions,
      int laggingSubscriptions,
      long framesSent,
      long catchUps,
      long slowClientsClosed) {}

  private void metrics(RoutingContext ctx) {
    Runtime runtime = Runtime.getRuntime();
    client
        .entitiesInMemory(context)
        .onSuccess(
            sessions ->
                Replies.json(
                    ctx,
                    200,
                    new MetricsView(
                        runtime.totalMemory() - runtime.freeMemory(),
                        runtime.maxMemory(),
                        sessions,
                        webSockets.clientCount(),
                        webSockets.feedCount(),
                        webSockets.laggingSessionCount(),
                        webSockets.counters().framesSent(),
                        webSockets.counters().catchUps(),
                        webSockets.counters().slowClientsClosed())))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private void presets(RoutingContext ctx) {
    Map<String, Object> presets = new TreeMap<>();
    Presets.all()
        .forEach((name, spec) -> presets.put(name, io.downhill.gateway.session.SpecView.of(spec)));
    Replies.json(ctx, 200, presets);
  }
}
