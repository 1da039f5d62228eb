package io.downhill.loadtest;

/**
 * The server's {@code /api/metrics} readings over the measurement window, one a second: heap used
 * (min, mean, max), the most lagging subscriptions seen, and how far the server's own counters
 * (frames sent, catch-ups, slow clients closed) moved between the first and last reading. Readings
 * arrive on the generator's event loops and are read on its main thread.
 */
final class ServerSamples {
  private ServerMetrics first;
  private ServerMetrics last;
  private long firstNanos;
  private long lastNanos;
  private int count;
  private long heapMin = Long.MAX_VALUE;
  private long heapMax;
  private double heapSum;
  private int laggingMax;
  private int clientsMin = Integer.MAX_VALUE;

  /** Takes a reading made at {@code nanos} ({@link System#nanoTime}). */
  synchronized void add(ServerMetrics metrics, long nanos) {
    if (first == null) {
      first = metrics;
      firstNanos = nanos;
    }
    last = metrics;
    lastNanos = nanos;
    count++;
    heapMin = Math.min(heapMin, metrics.heapUsedBytes());
    heapMax = Math.max(heapMax, metrics.heapUsedBytes());
    heapSum += metrics.heapUsedBytes();
    laggingMax = Math.max(laggingMax, metrics.laggingSubscriptions());
    clientsMin = Math.min(clientsMin, metrics.webSocketClients());
  }

  synchronized int count() {
    return count;
  }

  synchronized double heapMinMb() {
    return count == 0 ? Double.NaN : mb(heapMin);
  }

  synchronized double heapMeanMb() {
    return count == 0 ? Double.NaN : mb(heapSum / count);
  }

  synchronized double heapMaxMb() {
    return count == 0 ? Double.NaN : mb(heapMax);
  }

  synchronized double heapLimitMb() {
    return count == 0 ? Double.NaN : mb(last.heapMaxBytes());
  }

  synchronized int laggingMax() {
    return laggingMax;
  }

  synchronized int clientsMin() {
    return count == 0 ? 0 : clientsMin;
  }

  /** Frames the server says it sent between the first and last reading. */
  synchronized long framesSent() {
    return count < 2 ? 0 : last.framesSent() - first.framesSent();
  }

  synchronized long catchUps() {
    return count < 2 ? 0 : last.catchUps() - first.catchUps();
  }

  synchronized long slowClientsClosed() {
    return count < 2 ? 0 : last.slowClientsClosed() - first.slowClientsClosed();
  }

  /** Seconds between the first and last reading. */
  synchronized double spanSeconds() {
    return (lastNanos - firstNanos) / 1e9;
  }

  private static double mb(double bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
