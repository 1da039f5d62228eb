package io.downhill.gateway;

import ai.djl.Device;
import com.typesafe.config.Config;
import io.downhill.Downhill;
import io.downhill.client.DownhillSettings;
import io.downhill.engine.SessionTensors;
import io.downhill.engine.TensorEngine;
import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.GatewaySettings;
import io.downhill.gateway.operations.Meters;
import io.downhill.session.SessionSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A running Downhill: the actor system with its sharded entities on their journal, and Vert.x
 * serving the gateway. Started by {@link Main} and by tests (on port 0); {@link #close} stops both.
 */
public final class DownhillServer implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final Vertx vertx;
  private final GatewayVerticle verticle;
  private final Device device;

  private DownhillServer(
      ActorSystem<Void> system, Vertx vertx, GatewayVerticle verticle, Device device) {
    this.system = system;
    this.vertx = vertx;
    this.verticle = verticle;
    this.device = device;
  }

  /**
   * Starts a server with {@code config} (which must include Downhill's reference and application
   * settings) on {@code port} and the given device, its journal where {@code journal} says.
   * Completes once the journal is ready and the server listens. DJL's engine is configured before
   * this, once per JVM ({@link Main} calls {@link TensorEngine#configure}).
   */
  public static Future<DownhillServer> start(
      Config config, Journal journal, int port, TensorEngine.DeviceChoice deviceChoice) {
    Map<String, Object> device = new HashMap<>();
    device.put("downhill.djl.device", deviceChoice.wireName());
    Config effective =
        journal.over(com.typesafe.config.ConfigFactory.parseMap(device).withFallback(config));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "downhill", effective);
    Cluster cluster = Cluster.get(system);
    if (effective.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    Meters meters = new Meters();
    meters.journalWrites(io.downhill.journal.JournalLatency.get(system));
    meters.sessions(io.downhill.session.SessionMeters.get(system));
    Vertx vertx = meters.vertx();
    GatewaySettings settings = GatewaySettings.from(effective).withPort(port);
    return Future.fromCompletionStage(Downhill.prepareJournal(system))
        .compose(
            ready -> {
              Device resolved = SessionTensors.get(system).device();
              SessionClient client =
                  new SessionClient(
                      Downhill.start(
                          system,
                          DownhillSettings.from(effective).withAskTimeout(settings.askTimeout())));
              GatewayVerticle verticle =
                  new GatewayVerticle(client, settings, SessionSettings.from(effective), meters);
              return vertx
                  .deployVerticle(verticle)
                  .map(deployed -> new DownhillServer(system, vertx, verticle, resolved));
            })
        .onFailure(
            failure -> {
              vertx.close();
              system.terminate();
            });
  }

  public int port() {
    return verticle.actualPort();
  }

  /** {@code https} when the server speaks TLS itself, else {@code http}. */
  public String scheme() {
    return verticle.scheme();
  }

  public Device device() {
    return device;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public GatewayVerticle gateway() {
    return verticle;
  }

  /**
   * Stops serving — every WebSocket client is first told why, with a 1001 close frame — then stops
   * every entity (a running session stores where its run stands) and releases their tensors.
   */
  @Override
  public void close() {
    try {
      verticle.closeStreams().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Clients that cannot be told are closed with the server below.
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
