package io.downhill.gateway.websocket;

import java.util.HashMap;
import java.util.Map;

/**
 * Open WebSockets per client address, at most {@code limit} each, so one machine cannot hold every
 * socket the server has. A slot is reserved before the handshake completes (so a burst of
 * handshakes cannot overshoot) and released when the connection closes. Used on one event loop.
 */
public final class AddressQuota {
  private final int limit;
  private final Map<String, Integer> open = new HashMap<>();

  public AddressQuota(int limit) {
    this.limit = limit;
  }

  /** Takes a slot for this address; false when it already holds {@code limit}. */
  public boolean reserve(String address) {
    int held = open.getOrDefault(address, 0);
    if (held >= limit) {
      return false;
    }
    open.put(address, held + 1);
    return true;
  }

  public void release(String address) {
    open.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
  }

  public int limit() {
    return limit;
  }
}
