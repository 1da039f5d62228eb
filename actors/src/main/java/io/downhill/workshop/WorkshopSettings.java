package io.downhill.workshop;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Workshop limits, read once from {@code downhill.workshop}.
 *
 * @param maxParticipants participants one workshop admits
 * @param maxWorkshops workshops one server holds
 * @param codeLifetime how long a join code is valid
 * @param maxNameLength the longest display name
 */
public record WorkshopSettings(
    int maxParticipants, int maxWorkshops, Duration codeLifetime, int maxNameLength) {

  public static WorkshopSettings from(Config config) {
    Config c = config.getConfig("downhill.workshop");
    return new WorkshopSettings(
        c.getInt("max-participants"),
        c.getInt("max-workshops"),
        c.getDuration("code-lifetime"),
        c.getInt("max-name-length"));
  }
}
