package io.downhill.workshop;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Workshop settings, read once from {@code downhill.workshop} and {@code downhill.watch}.
 *
 * @param maxParticipants participants one workshop admits
 * @param codeLifetime how long a join code is valid
 * @param maxNameLength the longest display name
 * @param passivateAfter how long a workshop nobody watches or drives stays in memory
 * @param subscriptionLease how long a subscription lasts unless renewed
 * @param maxLifetime how long a workshop stays open unless the instructor extends it
 * @param longestAhead the furthest from now an extension may move a workshop's end
 * @param closedKeptFor how long a closed workshop can still be looked at before it is gone
 */
public record WorkshopSettings(
    int maxParticipants,
    Duration codeLifetime,
    int maxNameLength,
    Duration passivateAfter,
    Duration subscriptionLease,
    Duration maxLifetime,
    Duration longestAhead,
    Duration closedKeptFor) {

  public static WorkshopSettings from(Config config) {
    Config c = config.getConfig("downhill.workshop");
    return new WorkshopSettings(
        c.getInt("max-participants"),
        c.getDuration("code-lifetime"),
        c.getInt("max-name-length"),
        config.getDuration("downhill.session.passivate-after"),
        config.getDuration("downhill.watch.lease"),
        c.getDuration("max-lifetime"),
        c.getDuration("longest-ahead"),
        c.getDuration("closed-kept-for"));
  }
}
