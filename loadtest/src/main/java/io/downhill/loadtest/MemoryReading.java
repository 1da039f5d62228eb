package io.downhill.loadtest;

import java.time.Duration;

/**
 * The server's memory at one moment, read right after a forced collection: the heap it uses (from
 * {@code /api/metrics}), its resident set (from {@code /proc}), and how many session entities it
 * holds in memory.
 */
record MemoryReading(long heapUsedBytes, long rssBytes, int sessionsInMemory) {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * G1 (JDK 17 on) hands the heap it shrank by back to the OS in the background, just after the
   * pause: the resident set is read a moment later so that it no longer counts it.
   */
  private static final long UNCOMMIT_SETTLE_MILLIS = 1000;

  /** Collects the server's heap, then reads the three figures. */
  static MemoryReading take(ServerApi api, long serverPid) {
    Jcmd.collect(serverPid);
    ServerMetrics metrics = Await.result(api.metrics(), READ_TIMEOUT, "reading /api/metrics");
    try {
      Thread.sleep(UNCOMMIT_SETTLE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the server's memory");
    }
    return new MemoryReading(
        metrics.heapUsedBytes(), ProcessRss.bytes(serverPid), metrics.sessions());
  }
}
