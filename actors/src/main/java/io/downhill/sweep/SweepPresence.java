package io.downhill.sweep;

import io.downhill.expiry.Reminders;
import io.downhill.session.SessionSettings;
import io.downhill.sweep.Sweep.Command;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * When a sweep was last used, and how it leaves memory: passivated by its shard when idle, with a
 * reminder to come back and expire if nobody uses it meanwhile. Reads by anyone who knows the id do
 * not keep a sweep from its idle expiry.
 */
final class SweepPresence {
  private final String id;
  private final ActorContext<Command> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final SessionSettings settings;
  private long lastActivityNanos = System.nanoTime();
  private long lastActivityMillis = System.currentTimeMillis();
  private boolean usedSinceStart;
  private boolean passivating;

  SweepPresence(
      String id,
      ActorContext<Command> context,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SessionSettings settings) {
    this.id = id;
    this.context = context;
    this.shard = shard;
    this.settings = settings;
  }

  /** A command from outside; all but reads also keep the sweep from expiring. */
  void heard(Command command) {
    lastActivityNanos = System.nanoTime();
    if (!(command instanceof Sweep.GetState || command instanceof Sweep.GetCurves)) {
      lastActivityMillis = System.currentTimeMillis();
      usedSinceStart = true;
    }
  }

  /**
   * The sweep's tick: an {@code unused} sweep (not running, nobody watching) that heard no command
   * for {@code passivate-after} leaves a reminder and passivates, as does one that does not exist.
   * True when it has been unused for the idle expiry: read often enough to stay in memory, but used
   * by nobody, it should expire now.
   */
  boolean tick(boolean live, boolean unused, long nowNanos) {
    boolean idle = unused && nowNanos - lastActivityNanos > settings.passivateAfter().toNanos();
    if (live && idle && shard != null && !passivating) {
      Reminders.remind(
          context.getSystem(),
          Reminders.target(Sweep.TYPE_KEY, id),
          Instant.ofEpochMilli(lastActivityMillis).plus(settings.idleExpiry()));
    }
    if (live && unused && unusedForExpiry()) {
      return true;
    }
    if (!live || idle) {
      passivate();
    }
    return false;
  }

  /**
   * True when the reminder that woke the sweep finds it still unused: woken by its reminder alone,
   * it was idle all along. A sweep that does not exist passivates.
   */
  boolean expiresOnReminder(boolean live, boolean unused) {
    if (!live) {
      passivate();
      return false;
    }
    return unused && (!usedSinceStart || unusedForExpiry());
  }

  private boolean unusedForExpiry() {
    return System.currentTimeMillis() - lastActivityMillis >= settings.idleExpiry().toMillis();
  }

  /** Asks the shard to take this sweep out of memory (a sweep not sharded stays). */
  void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }
}
