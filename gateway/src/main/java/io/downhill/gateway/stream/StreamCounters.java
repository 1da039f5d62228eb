package io.downhill.gateway.stream;

/**
 * Running totals of the WebSocket fan-out since the server started. Touched only on the endpoint's
 * event loop; read for {@code /api/metrics}.
 */
public final class StreamCounters {
  long framesSent;
  long catchUps;
  long slowClientsClosed;

  public long framesSent() {
    return framesSent;
  }

  /** Catch-up frames sent to clients that had fallen behind. */
  public long catchUps() {
    return catchUps;
  }

  public long slowClientsClosed() {
    return slowClientsClosed;
  }
}
