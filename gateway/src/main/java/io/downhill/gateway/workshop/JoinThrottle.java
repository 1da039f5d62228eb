package io.downhill.gateway.workshop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits wrong join codes per client address, so codes cannot be guessed by brute force: each
 * address may fail {@code perMinute} times a minute (a token bucket). A try is taken before the
 * code is asked about and given back once it proves right, so a burst of concurrent guesses cannot
 * all slip through while the first answers are on their way. Bounded in memory: the least recently
 * seen addresses are forgotten first. Used on one event loop.
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

  /** Takes one try for this address; false when none is left. */
  public boolean tryTake(String address, long nowNanos) {
    double[] bucket = refill(address, nowNanos);
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }

  /** Returns a try taken for a code that proved right. */
  public void giveBack(String address, long nowNanos) {
    double[] bucket = refill(address, nowNanos);
    bucket[0] = Math.min(perMinute, bucket[0] + 1);
  }

  private double[] refill(String address, long nowNanos) {
    double[] bucket = buckets.computeIfAbsent(address, a -> new double[] {perMinute, nowNanos});
    double elapsedMinutes = (nowNanos - bucket[1]) / 60e9;
    bucket[0] = Math.min(perMinute, bucket[0] + elapsedMinutes * perMinute);
    bucket[1] = nowNanos;
    return bucket;
  }
}
