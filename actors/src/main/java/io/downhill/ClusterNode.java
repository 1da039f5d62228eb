package io.downhill;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where this node sits in the Pekko Cluster: the host and port of its Artery endpoint, and the seed
 * nodes it joins (none: it forms a cluster of its own). The server reads it from {@code
 * --cluster-host}, {@code --cluster-port} and {@code --seed-nodes}; an application that embeds
 * Downhill lays it over its own configuration to join a Downhill cluster, whose actor systems are
 * all named {@value #SYSTEM_NAME}.
 *
 * @param host the address other nodes reach this one at
 * @param port the Artery port (0 picks a free one)
 * @param seeds {@code host:port} of the seed nodes, in order; empty to join itself
 */
public record ClusterNode(String host, Integer port, List<String> seeds) {

  /** The actor system's name: a node joins only a cluster of systems with the same name. */
  public static final String SYSTEM_NAME = "downhill";

  /** The defaults: the configuration's host and port, no seeds. */
  public static ClusterNode defaults() {
    return new ClusterNode(null, null, List.of());
  }

  /** Parses {@code host:port,host:port}; refuses anything else naming {@code flag}. */
  public static List<String> parseSeeds(String text, String flag) {
    List<String> seeds = new ArrayList<>();
    for (String part : text.split(",")) {
      String seed = part.trim();
      int colon = seed.lastIndexOf(':');
      if (colon <= 0 || colon == seed.length() - 1) {
        throw new IllegalArgumentException(
            flag + " must be host:port,host:port…, not '" + text + "'");
      }
      try {
        int port = Integer.parseInt(seed.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": '" + seed + "' has no valid port");
      }
      seeds.add(seed);
    }
    return List.copyOf(seeds);
  }

  public ClusterNode withHost(String newHost) {
    return new ClusterNode(newHost, port, seeds);
  }

  public ClusterNode withPort(int newPort) {
    return new ClusterNode(host, newPort, seeds);
  }

  public ClusterNode withSeeds(List<String> newSeeds) {
    return new ClusterNode(host, port, List.copyOf(newSeeds));
  }

  /** These settings over {@code config}. */
  public Config over(Config config) {
    Map<String, Object> values = new HashMap<>();
    if (host != null) {
      values.put("pekko.remote.artery.canonical.hostname", host);
    }
    if (port != null) {
      values.put("pekko.remote.artery.canonical.port", port);
    }
    if (!seeds.isEmpty()) {
      values.put(
          "pekko.cluster.seed-nodes",
          seeds.stream().map(seed -> "pekko://" + SYSTEM_NAME + "@" + seed).toList());
    }
    return ConfigFactory.parseMap(values).withFallback(config);
  }
}
