package io.downhill.loadtest;

/**
 * Checks one client's view of one session's event numbers. Every message after the first must start
 * right after the last event seen, unless it is a {@code skipped} message, which is how the server
 * says it dropped events. Messages entirely at or before the last event seen (the states a catch-up
 * repeats after its {@code skipped} marker) are counted as stale, not as gaps.
 */
final class SeqTracker {
  private long lastSeq = -1;
  private long gaps;
  private long missingEvents;
  private long stale;

  /** Takes the next message of the session, in arrival order. */
  void observe(StreamMessage message) {
    if (!message.hasSeq()) {
      return;
    }
    if (lastSeq < 0) {
      lastSeq = message.seq();
      return;
    }
    if (message.seq() <= lastSeq) {
      stale++;
      return;
    }
    if (message.firstSeq() > lastSeq + 1 && !message.isSkipped()) {
      gaps++;
      missingEvents += message.firstSeq() - lastSeq - 1;
    }
    lastSeq = message.seq();
  }

  /** Gaps in the sequence that no {@code skipped} message covered. */
  long gaps() {
    return gaps;
  }

  /** Events lost in those gaps. */
  long missingEvents() {
    return missingEvents;
  }

  /** Messages that repeated events already seen. */
  long stale() {
    return stale;
  }
}
