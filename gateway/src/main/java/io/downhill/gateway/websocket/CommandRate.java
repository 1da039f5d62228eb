package io.downhill.gateway.websocket;

/** A token bucket: at most {@code perSecond} commands per second, with bursts of as many. */
final class CommandRate {
  private final int perSecond;
  private double tokens;
  private long lastNanos = System.nanoTime();

  CommandRate(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  int perSecond() {
    return perSecond;
  }
}
