package io.downhill.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The failures of one session actor, kept outside the behaviour that a restart replaces, so the
 * restarted session knows how often it already failed. A session that failed {@code limit} times
 * within {@code windowNanos} stops restarting and records a {@code failed} state instead: a fault
 * that comes back on every recovery (a tensor that no longer fits, a state the engine refuses)
 * would otherwise restart it forever.
 */
final class Failures {
  private final int limit;
  private final long windowNanos;
  private final Deque<Long> times = new ArrayDeque<>();
  private String lastReason;
  private int injectedRebuildFailures;

  Failures(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** Notes a failure at {@code nowNanos}; {@code reason} may be null when it is not known. */
  void record(long nowNanos, String reason) {
    times.addLast(nowNanos);
    if (reason != null) {
      lastReason = reason;
    }
    forgetBefore(nowNanos - windowNanos);
  }

  /** Whether the session failed too often to try again. */
  boolean exhausted(long nowNanos) {
    forgetBefore(nowNanos - windowNanos);
    return times.size() >= limit;
  }

  /** Why the session failed, as its watchers are told. */
  String reason() {
    String why = lastReason == null ? "an unexpected error" : lastReason;
    return "failed " + times.size() + " times in a row: " + why;
  }

  /** Makes the next {@code count} trainer rebuilds fail (tests of a fault that comes back). */
  void injectRebuildFailures(int count) {
    injectedRebuildFailures = count;
  }

  /** Throws if a rebuild failure was injected; called before each trainer rebuild. */
  void beforeRebuild() {
    if (injectedRebuildFailures > 0) {
      injectedRebuildFailures--;
      throw new IllegalStateException("injected failure while rebuilding the trainer");
    }
  }

  private void forgetBefore(long oldest) {
    while (!times.isEmpty() && times.peekFirst() < oldest) {
      times.removeFirst();
    }
  }

  /** A one-line description of {@code failure} for watchers: its kind and message, no trace. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String kind = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }
}
