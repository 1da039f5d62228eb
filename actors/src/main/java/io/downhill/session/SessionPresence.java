package io.downhill.session;

import io.downhill.expiry.Reminders;
import io.downhill.session.Session.Command;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * When a session was last used, and how it leaves memory: passivated by its shard when idle, with a
 * reminder to come back and expire if nobody uses it meanwhile. Sharding counts only messages sent
 * through it, and a session's own {@code Continue} is not one, so the session decides for itself.
 */
final class SessionPresence {
  private final String id;
  private final ActorContext<Command> context;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final SessionSettings settings;
  private long lastActivityNanos = System.nanoTime();
  private long lastActivityMillis = System.currentTimeMillis();
  private boolean usedSinceStart;
  private boolean passivating;

  SessionPresence(
      String id,
      ActorContext<Command> context,
      ActorRef<ClusterSharding.ShardCommand> shard,
      SessionSettings settings) {
    this.id = id;
    this.context = context;
    this.shard = shard;
    this.settings = settings;
  }

  /** A command from outside: it keeps the session in memory, and some keep it from expiring. */
  void heard(Command command) {
    lastActivityNanos = System.nanoTime();
    if (SessionCommands.keepsAlive(command)) {
      lastActivityMillis = System.currentTimeMillis();
      usedSinceStart = true;
    }
  }

  /**
   * The session's tick: a session that does not exist leaves; one that is {@code unused} (no work,
   * no subscriber) passivates after {@code passivate-after} without a command, leaving a reminder.
   * True when it has been unused for the idle expiry: read often enough to stay in memory, but used
   * by nobody, it should expire now.
   */
  boolean tick(boolean live, boolean unused, long nowNanos) {
    if (!live) {
      leave();
    } else if (unused && unusedForExpiry()) {
      return true;
    } else if (unused && nowNanos - lastActivityNanos > settings.passivateAfter().toNanos()) {
      leaveReminder();
      passivate();
    }
    return false;
  }

  /**
   * True when the reminder that woke the session finds it still unused: woken by its reminder
   * alone, it was idle all along; one used since keeps going (it leaves a new reminder when it next
   * goes idle). A session that does not exist leaves.
   */
  boolean expiresOnReminder(boolean live, boolean unused) {
    if (!live) {
      leave();
      return false;
    }
    return unused && (!usedSinceStart || unusedForExpiry());
  }

  private boolean unusedForExpiry() {
    return System.currentTimeMillis() - lastActivityMillis >= settings.idleExpiry().toMillis();
  }

  /** Leaves memory with a reminder to come back and expire if nobody used it meanwhile. */
  private void leaveReminder() {
    if (shard != null && !passivating) {
      Reminders.remind(
          context.getSystem(),
          Reminders.target(Session.TYPE_KEY, id),
          Instant.ofEpochMilli(lastActivityMillis).plus(settings.idleExpiry()));
    }
  }

  /** Asks the shard to take this idle session out of memory (a session not sharded stays). */
  void passivate() {
    if (shard != null && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  /** Leaves memory for good: the session does not exist, or no longer. */
  void leave() {
    if (shard != null) {
      passivate();
    } else if (!passivating) {
      passivating = true;
      context.getSelf().tell(Session.Passivate.INSTANCE);
    }
  }
}
