package io.downhill.gateway;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.downhill.engine.TensorEngine;
import io.downhill.registry.SessionRegistry;
import io.downhill.session.SessionSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A running Downhill: the actor system with its session registry, and Vert.x serving the gateway.
 * Started by {@link Main} and by tests (on port 0); {@link #close} stops both.
 */
public final class DownhillServer implements AutoCloseable {
  private final ActorSystem<SessionRegistry.Command> system;
  private final Vertx vertx;
  private final GatewayVerticle verticle;
  private final Device device;

  private DownhillServer(
      ActorSystem<SessionRegistry.Command> system,
      Vertx vertx,
      GatewayVerticle verticle,
      Device device) {
    this.system = system;
    this.vertx = vertx;
    this.verticle = verticle;
    this.device = device;
  }

  /**
   * Starts a server with {@code config} (which must include Downhill's reference and application
   * settings) on {@code port} and the given device. Completes once it listens.
   */
  public static Future<DownhillServer> start(
      Config config, int port, TensorEngine.DeviceChoice deviceChoice) {
    TensorEngine.configure(config);
    Device device = TensorEngine.resolve(deviceChoice);
    ActorSystem<SessionRegistry.Command> system =
        ActorSystem.create(
            SessionRegistry.create(NDManager.newBaseManager(device)), "downhill", config);
    GatewaySettings settings = GatewaySettings.from(config).withPort(port);
    SessionClient client = new SessionClient(system, settings.askTimeout());
    Vertx vertx = Vertx.vertx();
    GatewayVerticle verticle = new GatewayVerticle(client, settings, SessionSettings.from(config));
    return vertx
        .deployVerticle(verticle)
        .map(deployed -> new DownhillServer(system, vertx, verticle, device))
        .onFailure(
            failure -> {
              vertx.close();
              system.terminate();
            });
  }

  public int port() {
    return verticle.actualPort();
  }

  public Device device() {
    return device;
  }

  public ActorSystem<SessionRegistry.Command> system() {
    return system;
  }

  public GatewayVerticle gateway() {
    return verticle;
  }

  /** Stops serving, then stops every session and releases their tensors. */
  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
