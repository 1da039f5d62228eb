package io.downhill.gateway.websocket;

/**
 * Running totals of the WebSocket fan-out since the server started. Touched only on the endpoint's
 * event loop; read for {@code /api/metrics}.
 */
public final class StreamCounters {
  long framesSent;
  long catchUps;
  long slowClientsClosed;
  private java.util.function.IntConsumer refusals = status -> {};

  /** Hears the status of every command refused over a WebSocket. */
  public void onRefusal(java.util.function.IntConsumer listener) {
    this.refusals = listener;
  }

  void refused(int status) {
    refusals.accept(status);
  }

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
