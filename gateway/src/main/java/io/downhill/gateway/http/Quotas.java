package io.downhill.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Per client address: how many sessions, sweeps and workshops it holds, and a bucket of creations
 * per minute. Past a limit the answer is 429 with {@code Retry-After} and a message naming the
 * limit; other addresses are not affected. Addresses and ids are kept in expiring caches (an
 * address that made nothing for {@code forget-after} is forgotten), so the bookkeeping itself is
 * bounded. One per gateway; used from its event loop.
 */
public final class Quotas {
  /** What a client makes. */
  public enum Kind {
    SESSION,
    SWEEP,
    WORKSHOP
  }

  private static final class Usage {
    final Bucket creates;
    final Set<String> sessions = new LinkedHashSet<>();
    final Set<String> sweeps = new LinkedHashSet<>();
    final Set<String> workshops = new LinkedHashSet<>();

    Usage(int perMinute) {
      this.creates =
          Bucket.builder()
              .addLimit(
                  Bandwidth.builder()
                      .capacity(perMinute)
                      .refillGreedy(perMinute, Duration.ofMinutes(1))
                      .build())
              .build();
    }

    Set<String> of(Kind kind) {
      return switch (kind) {
        case SESSION -> sessions;
        case SWEEP -> sweeps;
        case WORKSHOP -> workshops;
      };
    }
  }

  private record Owner(String address, Kind kind) {}

  private final QuotaSettings settings;
  private final Cache<String, Usage> usage;
  private final Cache<String, Owner> owners;

  public Quotas(QuotaSettings settings) {
    this.settings = settings;
    this.usage =
        Caffeine.newBuilder()
            .expireAfterAccess(settings.forgetAfter())
            .maximumSize(200_000)
            .build();
    this.owners =
        Caffeine.newBuilder()
            .expireAfterAccess(settings.forgetAfter())
            .maximumSize(2_000_000)
            .build();
  }

  /**
   * Checks {@code address} may hold one more of this kind and takes one creation from its bucket;
   * throws a 429 otherwise. (A sweep's variants count toward the work budget, checked by the sweep
   * itself.)
   */
  public void admit(String address, Kind kind) {
    Usage u = usage.get(address, a -> new Usage(settings.createsPerMinute()));
    int limit = limit(kind);
    if (u.of(kind).size() >= limit) {
      throw tooMany(kind, limit, 60);
    }
    ConsumptionProbe probe = u.creates.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      throw new ApiError(
          429,
          null,
          "at most " + settings.createsPerMinute() + " creations a minute from one address",
          seconds);
    }
  }

  /** Counts what {@code address} made. */
  public void made(String address, Kind kind, String id) {
    usage.get(address, a -> new Usage(settings.createsPerMinute())).of(kind).add(id);
    owners.put(id, new Owner(address, kind));
  }

  /** Forgets an entity that was deleted or closed. */
  public void gone(String id) {
    Owner owner = owners.getIfPresent(id);
    if (owner == null) {
      return;
    }
    owners.invalidate(id);
    Usage u = usage.getIfPresent(owner.address());
    if (u != null) {
      u.of(owner.kind()).remove(id);
    }
  }

  public QuotaSettings settings() {
    return settings;
  }

  private int limit(Kind kind) {
    return switch (kind) {
      case SESSION -> settings.sessions();
      case SWEEP -> settings.sweeps();
      case WORKSHOP -> settings.workshops();
    };
  }

  private static ApiError tooMany(Kind kind, int limit, long retryAfter) {
    String what = kind.name().toLowerCase(java.util.Locale.ROOT) + "s";
    return new ApiError(
        429,
        null,
        "one address may hold at most " + limit + " " + what + "; delete one first",
        retryAfter);
  }
}
