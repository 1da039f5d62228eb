package io.downhill.gateway.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * What one client address may hold and make, read once from {@code downhill.gateway.quota}.
 *
 * @param sessions live sessions one address may have made
 * @param sweeps live sweeps (a sweep counts once here, and by its variants toward sessions)
 * @param workshops open workshops
 * @param createsPerMinute creations of any kind per minute
 * @param forgetAfter how long an address that makes nothing is remembered
 * @param trustedProxies addresses whose {@code X-Forwarded-For} names the client
 */
public record QuotaSettings(
    int sessions,
    int sweeps,
    int workshops,
    int createsPerMinute,
    Duration forgetAfter,
    List<String> trustedProxies) {

  public static QuotaSettings from(Config config) {
    Config c = config.getConfig("downhill.gateway.quota");
    return new QuotaSettings(
        c.getInt("sessions"),
        c.getInt("sweeps"),
        c.getInt("workshops"),
        c.getInt("creates-per-minute"),
        c.getDuration("forget-after"),
        List.copyOf(c.getStringList("trusted-proxies")));
  }
}
