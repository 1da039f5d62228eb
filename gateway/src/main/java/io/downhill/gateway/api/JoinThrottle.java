package io.downhill.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits wrong join codes per client address, so codes cannot be guessed by brute force: each
 * address may fail {@code perMinute} times a minute (a token bucket). Bounded in memory: the least
 * recently seen addresses are forgotten first. Used on one event loop.
 */
public final class JoinThrottle {
  private static final int MAX_ADDRESSES = 10_000;

  private final int perMinute;
  private final Map<String, double[]> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  public JoinThrottle(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Whether this address may try a code now. */
  public boolean allows(String address, long nowNanos) {
    double[] bucket = refill(address, nowNanos);
    return bucket[0] >= 1;
  }

  /** Records a wrong code from this address. */
  public void failed(String address, long nowNanos) {
    double[] bucket = refill(address, nowNanos);
    bucket[0] = Math.max(0, bucket[0] - 1);
  }

  private double[] refill(String address, long nowNanos) {
    double[] bucket = buckets.computeIfAbsent(address, a -> new double[] {perMinute, nowNanos});
    double elapsedMinutes = (nowNanos - bucket[1]) / 60e9;
    bucket[0] = Math.min(perMinute, bucket[0] + elapsedMinutes * perMinute);
    bucket[1] = nowNanos;
    return bucket;
  }
}
