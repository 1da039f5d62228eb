package io.downhill.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.engine.TensorEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * Real servers for tests: HTTP on a free port, the cluster's port free too (several servers may
 * share a test JVM), and a journal of their own.
 */
public final class TestServers {
  private TestServers() {}

  /** The configuration a test server runs with, {@code overrides} first. */
  public static Config config(Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>(overrides);
    values.putIfAbsent("pekko.remote.artery.canonical.port", 0);
    // Tests make far more from one address than a visitor may; QuotaTest sets its own limits.
    values.putIfAbsent("downhill.gateway.quota.sessions", 100_000);
    values.putIfAbsent("downhill.gateway.quota.sweeps", 100_000);
    values.putIfAbsent("downhill.gateway.quota.workshops", 100_000);
    values.putIfAbsent("downhill.gateway.quota.creates-per-minute", 100_000);
    return ConfigFactory.parseMap(values).withFallback(ConfigFactory.load());
  }

  /** A server with an in-memory journal; blocks until it listens. */
  public static DownhillServer start(Map<String, Object> overrides) {
    return start(overrides, Journal.inMemory());
  }

  public static DownhillServer start(Map<String, Object> overrides, Journal journal) {
    return start(overrides, journal, 0);
  }

  /** A server on {@code port} (0: a free one), as when one restarts where it was. */
  public static DownhillServer start(Map<String, Object> overrides, Journal journal, int port) {
    return DownhillServer.start(config(overrides), journal, port, TensorEngine.DeviceChoice.CPU)
        .toCompletionStage()
        .toCompletableFuture()
        .join();
  }
}
