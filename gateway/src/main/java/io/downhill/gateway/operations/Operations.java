package io.downhill.gateway.operations;

import io.downhill.client.PekkoStages;
import io.downhill.gateway.http.ErrorView;
import io.downhill.gateway.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * What an operator watches: {@code /metrics} in Prometheus text (for loopback clients, or for
 * anyone with {@code downhill.gateway.metrics-token} as a bearer token), {@code /health/live} (the
 * process answers) and {@code /health/ready} (the actor system is up in its cluster, the tensor
 * engine is loaded and the journal answers a query).
 */
public final class Operations {
  private static final long CHECK_TIMEOUT_MS = 3000;

  private final Meters meters;
  private final ActorSystem<?> system;
  private final String metricsToken;

  public Operations(Meters meters, ActorSystem<?> system, String metricsToken) {
    this.meters = meters;
    this.system = system;
    this.metricsToken = metricsToken == null ? "" : metricsToken;
  }

  public void mount(Router router, Vertx vertx) {
    var scrape = PrometheusScrapingHandler.create(meters.registry());
    router
        .get("/metrics")
        .handler(
            ctx -> {
              if (mayScrape(ctx)) {
                scrape.handle(ctx);
              } else {
                Replies.json(
                    ctx,
                    403,
                    new ErrorView(
                        "metrics are for this machine, or need the metrics token",
                        "Authorization"));
              }
            });
    HealthCheckHandler live = HealthCheckHandler.create(vertx);
    // Live means the process answers on its event loop; nothing else is checked.
    live.register("event-loop", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(live);
    HealthCheckHandler ready = HealthCheckHandler.create(vertx);
    ready.register("actor-system", CHECK_TIMEOUT_MS, promise -> promise.complete(clusterUp()));
    ready.register(
        "tensor-engine",
        CHECK_TIMEOUT_MS,
        promise -> {
          try {
            io.downhill.engine.SessionTensors.get(system).device();
            promise.complete(Status.OK());
          } catch (RuntimeException e) {
            promise.complete(Status.KO());
          }
        });
    ready.register(
        "journal",
        CHECK_TIMEOUT_MS,
        promise ->
            journalAnswers()
                .onSuccess(ok -> promise.complete(Status.OK()))
                .onFailure(failure -> promise.complete(Status.KO())));
    router.get("/health/ready").handler(ready);
  }

  private Status clusterUp() {
    MemberStatus status = Cluster.get(system).selfMember().status();
    return status.equals(MemberStatus.up()) ? Status.OK() : Status.KO();
  }

  /** A query of the journal for a persistence id no entity has: it proves the database answers. */
  private Future<Void> journalAnswers() {
    String plugin = system.settings().config().getString("downhill.persistence.read-journal");
    CurrentEventsByPersistenceIdQuery query =
        PersistenceQuery.get(system)
            .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, plugin);
    return Future.fromCompletionStage(
            PekkoStages.onDispatcher(
                    system,
                    query
                        .currentEventsByPersistenceId("Downhill|health", 0L, 1L)
                        .runWith(Sink.ignore(), system))
                .orTimeout(
                    Duration.ofMillis(CHECK_TIMEOUT_MS).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS))
        .mapEmpty();
  }

  private boolean mayScrape(RoutingContext ctx) {
    if (!metricsToken.isEmpty()) {
      String header = ctx.request().getHeader("Authorization");
      String presented =
          header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
              ? header.substring(7).trim()
              : "";
      return MessageDigest.isEqual(
          presented.getBytes(StandardCharsets.UTF_8),
          metricsToken.getBytes(StandardCharsets.UTF_8));
    }
    if (ctx.request().remoteAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(ctx.request().remoteAddress().hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
