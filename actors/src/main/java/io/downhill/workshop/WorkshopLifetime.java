package io.downhill.workshop;

import io.downhill.expiry.Reminders;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A workshop's time: it closes by itself at its end (which the instructor may move), and a closed
 * workshop is gone a day later. The workshop leaves a durable reminder for the next of these
 * moments, so it needs no timer while it is out of memory.
 */
final class WorkshopLifetime {
  private final ActorSystem<?> system;
  private final String target;
  private final boolean sharded;
  private final WorkshopSettings settings;

  WorkshopLifetime(ActorSystem<?> system, String id, boolean sharded, WorkshopSettings settings) {
    this.system = system;
    this.target = Reminders.target(Workshop.TYPE_KEY, id);
    this.sharded = sharded;
    this.settings = settings;
  }

  /** Leaves the reminder for {@code at} (none for a workshop outside sharding or without end). */
  void remindAt(Instant at) {
    if (sharded && at != null) {
      Reminders.remind(system, target, at);
    }
  }

  /** When a closed workshop is gone. */
  Instant goneAt(WorkshopRecord state) {
    Instant closed = state.closedAt() != null ? state.closedAt() : Instant.EPOCH;
    return closed.plus(settings.closedKeptFor());
  }

  /**
   * The end after giving {@code extra} more time: from the current end, or from now if that passed,
   * and never more than {@code longest-ahead} from now. Null when {@code extra} is not a positive
   * duration of at most {@code max-lifetime}.
   */
  Instant extended(WorkshopRecord state, Duration extra, Instant now) {
    if (extra == null || extra.isNegative() || extra.isZero()) {
      return null;
    }
    if (extra.compareTo(settings.maxLifetime()) > 0) {
      return null;
    }
    Instant from = state.endsAt() == null || state.endsAt().isBefore(now) ? now : state.endsAt();
    Instant latest = now.plus(settings.longestAhead());
    Instant next = from.plus(extra);
    return next.isAfter(latest) ? latest : next;
  }
}
