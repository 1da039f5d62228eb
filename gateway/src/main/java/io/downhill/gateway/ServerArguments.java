package io.downhill.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.ClusterNode;
import io.downhill.engine.TensorEngine;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's command line once checked: every flag and environment variable in one value, with
 * the overlays they put over the configuration. {@link ServerCommand} reads the flags.
 */
record ServerArguments(
    Integer port,
    TensorEngine.DeviceChoice device,
    String data,
    String dbUrl,
    boolean inMemory,
    ClusterNode cluster,
    String tlsCert,
    String tlsKey,
    String publicUrl) {

  /**
   * The flags in {@code args} and the variables in {@code env}, checked; refusals name the flag.
   */
  static ServerArguments parse(String[] args, Map<String, String> env) {
    return ServerCommand.read(args, env).arguments();
  }

  /** The TLS flags over {@code config}, when given. */
  Config tlsOver(Config config) {
    if (tlsCert == null) {
      return config;
    }
    return ConfigFactory.parseMap(
            Map.of("downhill.gateway.tls.cert", tlsCert, "downhill.gateway.tls.key", tlsKey))
        .withFallback(config);
  }

  /** The public URL over {@code config}, when given. */
  Config publicUrlOver(Config config) {
    if (publicUrl == null) {
      return config;
    }
    return ConfigFactory.parseMap(Map.of("downhill.gateway.public-url", publicUrl))
        .withFallback(config);
  }

  /** Every flag's overlay over {@code config}. */
  Config over(Config config) {
    return publicUrlOver(tlsOver(cluster.over(config)));
  }

  /** Where the journal lives, from the flags. */
  Journal journal() {
    if (inMemory) {
      return Journal.inMemory();
    }
    if (dbUrl != null) {
      return Journal.atUrl(dbUrl, true);
    }
    return Journal.inFolder(Path.of(data));
  }

  String journalDescription() {
    if (inMemory) {
      return "in memory: nothing is kept";
    }
    if (dbUrl != null) {
      return "journal " + dbUrl.replaceAll("//[^/@]*@", "//");
    }
    return "data in " + Path.of(data).toAbsolutePath().normalize();
  }
}
