package io.downhill.gateway.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open connections, in total and per client address, so that no one machine can hold every
 * connection the server can afford. The address is the socket's peer: no header has been read when
 * a connection opens, so behind a trusted proxy every client shares the proxy's address, which is
 * therefore held to the total only. Used on one event loop.
 */
final class ConnectionLimits {
  private final int total;
  private final int perAddress;
  private final Set<String> trustedProxies;
  private final Map<String, Integer> open = new HashMap<>();
  private int openInTotal;

  ConnectionLimits(int total, int perAddress, List<String> trustedProxies) {
    this.total = total;
    this.perAddress = perAddress;
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  /** Counts a new connection from {@code address}; false (and not counted) when over a limit. */
  boolean admit(String address) {
    if (openInTotal >= total) {
      return false;
    }
    int held = open.getOrDefault(address, 0);
    if (held >= perAddress && !trustedProxies.contains(address)) {
      return false;
    }
    open.put(address, held + 1);
    openInTotal++;
    return true;
  }

  /** Forgets a connection that {@link #admit} counted (and only such a one). */
  void release(String address) {
    open.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
    openInTotal--;
  }

  int openInTotal() {
    return openInTotal;
  }
}
