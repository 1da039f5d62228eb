package io.downhill.expiry;

import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * When an entity was last used, and how it leaves memory: passivated by its shard after {@code
 * passivate-after} without a command while nobody needs it, leaving a reminder to come back and
 * expire if nobody uses it before {@code idle-expiry}. Sharding counts only messages sent through
 * it (an entity's own timers are not), so the entity decides for itself. Owned by the entity actor.
 *
 * @param <C> the entity's commands
 */
public final class Presence<C> {
  private final ActorContext<C> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final String reminder;
  private final Duration passivateAfter;
  private final Duration idleExpiry;
  private final C stop;
  private long lastActivityNanos = System.nanoTime();
  private long lastActivityMillis = System.currentTimeMillis();
  private boolean usedSinceStart;
  private boolean passivating;

  /**
   * @param shard the entity's shard, or null for an entity outside sharding (it never passivates)
   * @param reminder the entity's reminder target ({@link Reminders#target})
   * @param stop the message that stops the entity when it leaves outside sharding, or null to stay
   */
  public Presence(
      ActorContext<C> context,
      ActorRef<ClusterSharding.ShardCommand> shard,
      String reminder,
      Duration passivateAfter,
      Duration idleExpiry,
      C stop) {
    this.context = context;
    this.shard = shard;
    this.reminder = reminder;
    this.passivateAfter = passivateAfter;
    this.idleExpiry = idleExpiry;
    this.stop = stop;
  }

  /** A command from outside: it keeps the entity in memory, and one that is {@code use} alive. */
  public void heard(boolean use) {
    lastActivityNanos = System.nanoTime();
    if (use) {
      lastActivityMillis = System.currentTimeMillis();
      usedSinceStart = true;
    }
  }

  /**
   * The entity's tick: one that does not exist leaves; one that is {@code unused} (no work, no
   * subscriber) leaves a reminder and passivates after {@code passivate-after} without a command.
   * True when it has been unused for the idle expiry: read often enough to stay in memory, but used
   * by nobody, it should expire now.
   */
  public boolean tick(boolean live, boolean unused, long nowNanos) {
    if (!live) {
      leave();
    } else if (unused && unusedForExpiry()) {
      return true;
    } else if (unused && nowNanos - lastActivityNanos > passivateAfter.toNanos()) {
      leaveReminder();
      passivate();
    }
    return false;
  }

  /**
   * True when the reminder that woke the entity finds it still unused: woken by its reminder alone,
   * it was idle all along; one used since keeps going (it leaves a new reminder when it next goes
   * idle). One that does not exist leaves.
   */
  public boolean expiresOnReminder(boolean live, boolean unused) {
    if (!live) {
      leave();
      return false;
    }
    return unused && (!usedSinceStart || unusedForExpiry());
  }

  private boolean unusedForExpiry() {
    return System.currentTimeMillis() - lastActivityMillis >= idleExpiry.toMillis();
  }

  private void leaveReminder() {
    if (shard != null && !passivating) {
      Reminders.remind(
          context.getSystem(), reminder, Instant.ofEpochMilli(lastActivityMillis).plus(idleExpiry));
    }
  }

  /** Asks the shard to take this idle entity out of memory (one not sharded stays). */
  public void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  /** Leaves memory for good: the entity does not exist, or no longer. */
  public void leave() {
    if (shard != null) {
      passivate();
    } else if (stop != null && !passivating) {
      passivating = true;
      context.getSelf().tell(stop);
    }
  }
}
