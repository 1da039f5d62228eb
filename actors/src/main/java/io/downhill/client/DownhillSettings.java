package io.downhill.client;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a {@link io.downhill.client.DownhillClient} talks to the entities: how long it waits for an
 * answer, and how often its subscriptions renew their lease. Read once from {@code downhill.client}
 * and {@code downhill.watch}, or built in code; immutable.
 *
 * @param askTimeout how long a command waits for its answer before its stage fails with a {@link
 *     java.util.concurrent.TimeoutException}
 * @param renewEvery how often a subscription renews itself; shorter than the entities' {@code
 *     downhill.watch.lease}, or they drop it between two renewals
 */
public record DownhillSettings(Duration askTimeout, Duration renewEvery) {

  public DownhillSettings {
    if (askTimeout.isNegative() || askTimeout.isZero()) {
      throw new IllegalArgumentException("askTimeout must be positive, not " + askTimeout);
    }
    if (renewEvery.isNegative() || renewEvery.isZero()) {
      throw new IllegalArgumentException("renewEvery must be positive, not " + renewEvery);
    }
  }

  /**
   * {@code downhill.client.ask-timeout}, and a renewal three times per {@code downhill.watch.lease}
   * so that one lost renewal never ends a subscription.
   */
  public static DownhillSettings from(Config config) {
    return new DownhillSettings(
        config.getDuration("downhill.client.ask-timeout"),
        config.getDuration("downhill.watch.lease").dividedBy(3));
  }

  public DownhillSettings withAskTimeout(Duration timeout) {
    return new DownhillSettings(timeout, renewEvery);
  }

  public DownhillSettings withRenewEvery(Duration every) {
    return new DownhillSettings(askTimeout, every);
  }
}
