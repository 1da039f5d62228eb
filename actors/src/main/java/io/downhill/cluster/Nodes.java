package io.downhill.cluster;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/** Names cluster nodes the way people read them: {@code host:port} of their Artery address. */
public final class Nodes {
  private Nodes() {}

  /** This node's name, or the system's name when it is not in a cluster. */
  public static String self(ActorSystem<?> system) {
    if (!system.settings().config().getString("pekko.actor.provider").equals("cluster")) {
      return system.name();
    }
    return name(Cluster.get(system).selfMember().address());
  }

  public static String name(Address address) {
    return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
  }
}
