package io.downhill.gateway.cluster;

import io.downhill.client.DownhillClient;
import io.downhill.cluster.Nodes;
import io.downhill.gateway.http.Replies;
import io.downhill.session.Session;
import io.downhill.sweep.Sweep;
import io.downhill.workshop.JoinCodes;
import io.downhill.workshop.Workshop;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@code GET /api/cluster}: the cluster's members with their status, and how many sessions, sweeps
 * and workshops each one hosts in memory now, read from Pekko's cluster state and its sharding
 * statistics.
 */
public final class ClusterApi {
  private static final Duration STATS_TIMEOUT = Duration.ofSeconds(3);

  private final DownhillClient client;
  private final ActorSystem<?> system;

  public ClusterApi(DownhillClient client) {
    this.client = client;
    this.system = client.system();
  }

  /** One member: its name ({@code host:port}), status and entities in memory per kind. */
  public record MemberView(
      String node, String status, boolean reachable, boolean self, Map<String, Integer> entities) {}

  /** The whole cluster, as this node sees it. */
  public record ClusterView(String self, String leader, List<MemberView> members) {}

  public void mount(Router router) {
    router.get("/api/cluster").handler(this::cluster);
  }

  private void cluster(RoutingContext ctx) {
    Map<String, EntityTypeKey<?>> kinds = new LinkedHashMap<>();
    kinds.put("sessions", Session.TYPE_KEY);
    kinds.put("sweeps", Sweep.TYPE_KEY);
    kinds.put("workshops", Workshop.TYPE_KEY);
    kinds.put("joinCodes", JoinCodes.TYPE_KEY);
    List<Future<ShardRegion.ClusterShardingStats>> stats = new ArrayList<>();
    for (EntityTypeKey<?> key : kinds.values()) {
      // A busy cluster may not answer in time: the members are listed anyway, counts unknown.
      stats.add(
          Future.fromCompletionStage(
                  client.shardingStats(key, STATS_TIMEOUT), ctx.vertx().getOrCreateContext())
              .otherwise((ShardRegion.ClusterShardingStats) null));
    }
    Future.join(stats)
        .map(done -> view(new ArrayList<>(kinds.keySet()), stats))
        .onSuccess(view -> Replies.json(ctx, 200, view))
        .onFailure(failure -> Replies.error(ctx, failure));
  }

  private ClusterView view(
      List<String> kinds, List<Future<ShardRegion.ClusterShardingStats>> stats) {
    Cluster cluster = Cluster.get(system);
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Address> unreachable = new HashSet<>();
    for (Member member : state.getUnreachable()) {
      unreachable.add(member.address());
    }
    Map<String, MemberView> members = new TreeMap<>();
    Address self = cluster.selfMember().address();
    for (Member member : state.getMembers()) {
      Map<String, Integer> entities = new LinkedHashMap<>();
      for (int k = 0; k < kinds.size(); k++) {
        ShardRegion.ClusterShardingStats kind = stats.get(k).result();
        if (kind == null) {
          entities.put(kinds.get(k), null);
          continue;
        }
        ShardRegion.ShardRegionStats region = kind.getRegions().get(member.address());
        int count = 0;
        if (region != null) {
          for (Object n : region.getStats().values()) {
            count += ((Number) n).intValue();
          }
        }
        entities.put(kinds.get(k), count);
      }
      String name = Nodes.name(member.address());
      members.put(
          name,
          new MemberView(
              name,
              member.status().toString().toLowerCase(java.util.Locale.ROOT),
              !unreachable.contains(member.address()),
              member.address().equals(self),
              entities));
    }
    Address leader = state.getLeader();
    return new ClusterView(
        Nodes.name(self),
        leader == null ? null : Nodes.name(leader),
        new ArrayList<>(members.values()));
  }
}
