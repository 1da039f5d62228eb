package io.downhill;

import io.downhill.client.DownhillClient;
import io.downhill.client.DownhillSettings;
import io.downhill.client.PekkoStages;
import io.downhill.engine.SessionTensors;
import io.downhill.expiry.Reminders;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import io.downhill.sweep.Sweep;
import io.downhill.workshop.JoinCodes;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopSettings;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * Downhill's entities in an actor system: sessions, sweeps, workshops and the join-code directory,
 * each a durable entity under Cluster Sharding. {@link #start(ActorSystem, DownhillSettings)}
 * initialises sharding once per system (on one node it joins itself; on many it shards over them)
 * and returns a {@link DownhillClient}; this object finds any entity by id, wherever it lives.
 */
public final class Downhill {
  /** The dispatcher sessions and sweep batches run on, configured under this path. */
  public static final String SESSION_DISPATCHER = "downhill.session-dispatcher";

  private final ClusterSharding sharding;

  private Downhill(ClusterSharding sharding) {
    this.sharding = sharding;
  }

  /**
   * Creates the journal's tables when {@code downhill.persistence.create-schema} is on (the
   * embedded database's default), for the JDBC journal; completes when they exist.
   */
  public static CompletionStage<Done> prepareJournal(ActorSystem<?> system) {
    boolean create = system.settings().config().getBoolean("downhill.persistence.create-schema");
    return create
        ? PekkoStages.onDispatcher(system, SchemaUtils.createIfNotExists(system))
        : java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
  }

  /**
   * Initialises sharding of Downhill's entities in {@code system} and returns the client that
   * commands and watches them. The system must be a cluster node ({@code pekko.actor.provider =
   * cluster}) with a journal; Downhill sets no system property: an application that wants DJL's
   * engine configured calls {@link io.downhill.engine.TensorEngine#configure} before this.
   */
  public static DownhillClient start(ActorSystem<?> system, DownhillSettings settings) {
    start(system);
    return new DownhillClient(system, settings);
  }

  /**
   * Initialises sharding of Downhill's entities in {@code system} (once: a second call finds the
   * same entities) and returns them, for code that speaks their protocol itself.
   */
  public static Downhill start(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    var config = system.settings().config();
    SessionSettings sessionSettings = SessionSettings.from(config);
    Sweep.SweepSettings sweepSettings = Sweep.SweepSettings.from(config);
    WorkshopSettings workshopSettings = WorkshopSettings.from(config);
    var tensors = SessionTensors.get(system).manager();
    sharding.init(
        Entity.of(
                Session.TYPE_KEY,
                ctx -> Session.create(ctx.getEntityId(), ctx.getShard(), sessionSettings, tensors))
            .withStopMessage(Session.Passivate.INSTANCE)
            .withEntityProps(DispatcherSelector.fromConfig(SESSION_DISPATCHER)));
    sharding.init(
        Entity.of(
                Sweep.TYPE_KEY,
                ctx -> Sweep.create(ctx.getEntityId(), ctx.getShard(), sweepSettings, tensors))
            .withStopMessage(Sweep.Passivate.INSTANCE));
    sharding.init(
        Entity.of(
                Workshop.TYPE_KEY,
                ctx ->
                    Workshop.create(
                        ctx.getEntityId(), ctx.getShard(), workshopSettings, Clock.systemUTC()))
            .withStopMessage(Workshop.Passivate.INSTANCE));
    sharding.init(
        Entity.of(JoinCodes.TYPE_KEY, ctx -> JoinCodes.create())
            .withStopMessage(JoinCodes.Passivate.INSTANCE));
    Downhill downhill = new Downhill(sharding);
    sharding.init(
        Entity.of(
                Reminders.TYPE_KEY,
                ctx -> Reminders.create(ctx.getEntityId(), downhill::wake, Clock.systemUTC()))
            .withStopMessage(Reminders.Passivate.INSTANCE));
    return downhill;
  }

  /** Wakes the entity a reminder names: it checks for itself whether its time is up. */
  private void wake(String target) {
    String type = Reminders.typeOf(target);
    String id = Reminders.idOf(target);
    if (type.equals(Session.TYPE_KEY.name())) {
      session(id).tell(Session.ExpireIfIdle.INSTANCE);
    } else if (type.equals(Sweep.TYPE_KEY.name())) {
      sweep(id).tell(Sweep.ExpireIfIdle.INSTANCE);
    } else if (type.equals(Workshop.TYPE_KEY.name())) {
      workshop(id).tell(Workshop.LifetimeDue.INSTANCE);
    }
  }

  public EntityRef<Session.Command> session(String id) {
    return sharding.entityRefFor(Session.TYPE_KEY, id);
  }

  public EntityRef<Sweep.Command> sweep(String id) {
    return sharding.entityRefFor(Sweep.TYPE_KEY, id);
  }

  public EntityRef<Workshop.Command> workshop(String id) {
    return sharding.entityRefFor(Workshop.TYPE_KEY, id);
  }

  public EntityRef<JoinCodes.Command> joinCodes() {
    return sharding.entityRefFor(JoinCodes.TYPE_KEY, JoinCodes.ENTITY_ID);
  }
}
