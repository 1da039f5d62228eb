package io.downhill.gateway.websocket;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket client: which sessions it watches, and what it has missed while its write queue was
 * full. A client that keeps up receives every batch; one that falls behind receives, once it
 * drains, a catch-up per session instead of the backlog, so the server never queues more than
 * Vert.x's bounded write queue plus constant-size {@link Lag}s for it. While the queue is full the
 * socket is not read either, so a client that sends but never reads cannot make the server queue
 * answers (or pongs) for it without bound.
 */
public final class ClientConnection {
  /** About 128 KiB of JSON per frame at most (one larger message still goes alone). */
  public static final int FRAME_CHARACTERS = 128 * 1024;

  final ServerWebSocket socket;
  final HttpConnection transport;
  final String address;
  private boolean closing;
  final Map<String, Feed> subscriptions = new LinkedHashMap<>();
  private final int keptStates;
  private final Map<String, Lag> lags = new HashMap<>();
  private final List<Feed> tickFeeds = new ArrayList<>();
  private final List<FeedBatch> tickBatches = new ArrayList<>();
  private long fullSinceNanos = -1;
  private boolean paused;
  private final CommandRate rate;
  final InFlight inFlight;
  private final int maxFrameBytes;
  private final StreamCounters counters;

  ClientConnection(
      ServerWebSocket socket,
      HttpConnection transport,
      String address,
      int keptStates,
      int commandsPerSecond,
      int commandsInFlight,
      int maxFrameBytes,
      StreamCounters counters) {
    this.counters = counters;
    this.socket = socket;
    this.transport = transport;
    this.address = address;
    this.keptStates = keptStates;
    this.rate = new CommandRate(commandsPerSecond);
    this.inFlight = new InFlight(commandsInFlight);
    this.maxFrameBytes = maxFrameBytes;
  }

  void markClosing() {
    closing = true;
  }

  boolean closing() {
    return closing;
  }

  CommandRate rate() {
    return rate;
  }

  /** Takes one session's batch for the frame being built this flush. */
  void deliver(Feed feed, FeedBatch batch) {
    Lag lag = lags.get(feed.id);
    if (lag != null) {
      lag.absorb(batch);
    } else {
      tickFeeds.add(feed);
      tickBatches.add(batch);
    }
  }

  /** Sends this flush's frame, or records it as missed when the client is not keeping up. */
  void flush(long nowNanos) {
    // Vert.x writes pongs by itself: a flood of pings is noticed here, at the latest.
    noticeFull(nowNanos);
    onDrain(); // in case the queue emptied without Vert.x saying so
    if (tickBatches.isEmpty()) {
      return;
    }
    if (socket.writeQueueFull()) {
      for (int i = 0; i < tickBatches.size(); i++) {
        Feed feed = tickFeeds.get(i);
        lags.computeIfAbsent(feed.id, id -> new Lag(keptStates)).absorb(tickBatches.get(i));
      }
    } else if (tickBatches.size() == 1 && sharedFrame(tickBatches.get(0))) {
      noticeFull(nowNanos);
    } else {
      List<String> messages = new ArrayList<>();
      for (FeedBatch batch : tickBatches) {
        messages.addAll(batch.fragments());
      }
      write(messages);
    }
    tickFeeds.clear();
    tickBatches.clear();
  }

  /**
   * Writes one session's batch alone as the frame every such watcher gets, the same bytes; false
   * when it is too large for one WebSocket frame (then it is built and fragmented as any other).
   */
  private boolean sharedFrame(FeedBatch batch) {
    if (batch.shared().characters() > FRAME_CHARACTERS) {
      return false;
    }
    io.vertx.core.http.WebSocketFrame frame = batch.shared().frame(maxFrameBytes);
    if (frame == null) {
      return false;
    }
    counters.framesSent++;
    socket.writeFrame(frame);
    return true;
  }

  /** Called when Vert.x reports the write queue drained. */
  void onDrain() {
    if (socket.writeQueueFull() || socket.isClosed()) {
      return;
    }
    fullSinceNanos = -1;
    if (paused) {
      paused = false;
      socket.resume();
    }
    if (!lags.isEmpty()) {
      catchUp();
    }
  }

  /**
   * When the queue is full: stop reading the socket (its commands would only queue more answers)
   * and start the slow-client clock; {@link #onDrain()} undoes both.
   */
  private void noticeFull(long nowNanos) {
    if (socket.isClosed() || !socket.writeQueueFull()) {
      return;
    }
    if (fullSinceNanos < 0) {
      fullSinceNanos = nowNanos;
    }
    if (!paused) {
      paused = true;
      socket.pause();
    }
  }

  /** Whether the socket is not being read because its queue is full. */
  boolean paused() {
    return paused;
  }

  private void catchUp() {
    List<String> messages = new ArrayList<>();
    lags.forEach(
        (id, lag) -> {
          lag.appendTo(messages, subscriptions.get(id));
        });
    lags.clear();
    counters.catchUps++;
    write(messages);
  }

  /** How long this client's queue has been full, in nanoseconds; 0 when it keeps up. */
  long laggingForNanos(long nowNanos) {
    return fullSinceNanos < 0 ? 0 : nowNanos - fullSinceNanos;
  }

  /** Writes one frame now, ahead of the flush (answers to this client's own commands). */
  void send(String message) {
    write(List.of(message));
  }

  /** Writes these messages now, in as few frames as fit, ahead of the flush. */
  void send(List<String> messages) {
    write(messages);
  }

  /**
   * Writes the messages in as few frames as fit {@link #FRAME_CHARACTERS} each, so no client needs
   * a large message buffer (Vert.x clients refuse messages over 256 KiB by default).
   */
  private void write(List<String> messages) {
    if (messages.isEmpty() || socket.isClosed()) {
      return;
    }
    StringBuilder frame = null;
    for (String message : messages) {
      if (frame != null && frame.length() + message.length() > FRAME_CHARACTERS) {
        flushFrame(frame);
        frame = null;
      }
      if (frame == null) {
        frame = new StringBuilder(Math.min(FRAME_CHARACTERS, 64 + message.length()) + 16);
        frame.append("{\"messages\":[");
      } else {
        frame.append(',');
      }
      frame.append(message);
    }
    flushFrame(frame);
    noticeFull(System.nanoTime());
  }

  private void flushFrame(StringBuilder frame) {
    frame.append("]}");
    counters.framesSent++;
    socket.writeTextMessage(frame.toString());
  }

  /**
   * Cuts the TCP connection at once, dropping whatever is queued. Vert.x's own close first waits
   * for the queue to flush, which never happens when the client does not read. Its handler is the
   * last in Netty's pipeline; a close that starts at that handler's context passes it by and goes
   * straight to the socket (the channel is reached through Vert.x's connection class, the only way
   * to it). The channel's events still fire, so Vert.x and the close handler clean up as usual.
   */
  void abort() {
    if (transport instanceof ConnectionBase base) {
      base.channel().pipeline().lastContext().close();
    } else {
      transport.close();
    }
  }

  void forget(String sessionId) {
    subscriptions.remove(sessionId);
    lags.remove(sessionId);
  }

  /** Sessions with a pending catch-up, for tests and metrics. */
  int laggingSessions() {
    return lags.size();
  }
}
