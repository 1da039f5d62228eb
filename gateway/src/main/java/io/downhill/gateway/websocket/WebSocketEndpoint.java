package io.downhill.gateway.websocket;

import io.downhill.gateway.http.GatewaySettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at {@code /ws}: clients subscribe to what the features offer ({@link Topic}: a
 * session, a sweep, a workshop's room) and send their commands ({@link SocketCommand}). Per gateway
 * there is one subscription per watched entity ({@link Feed}), fanned out to every client watching
 * it; every {@code flush-interval} each client gets at most one frame holding everything since the
 * last. All of it runs on one event loop; the endpoint lives as long as its verticle.
 */
public final class WebSocketEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

  private final Vertx vertx;
  private final GatewaySettings settings;
  private final int commandsInFlight;
  private final Set<ClientConnection> clients = new LinkedHashSet<>();
  private final StreamCounters counters = new StreamCounters();
  private final AddressQuota quota;
  private final Subscriptions subscriptions;
  private final ClientMessages messages;
  private long timer = -1;

  /**
   * @param topics what a client may subscribe to, in the order a message's fields are tried; the
   *     last is the one a message naming none of them is taken for
   * @param commands the commands a client may send, by {@code type}
   */
  public WebSocketEndpoint(
      Vertx vertx,
      Context context,
      GatewaySettings settings,
      int commandsInFlight,
      List<Topic> topics,
      Map<String, SocketCommand> commands) {
    this.vertx = vertx;
    this.settings = settings;
    this.commandsInFlight = commandsInFlight;
    this.quota = new AddressQuota(settings.maxWebSocketsPerAddress());
    Answers answers = new Answers(counters);
    this.subscriptions = new Subscriptions(topics, context, answers);
    this.messages = new ClientMessages(subscriptions, commands, answers, context);
  }

  /**
   * The most numbers a reply may hold: it travels in one frame, and a number with its comma takes
   * at most 25 characters.
   */
  public static int maxValuesPerReply() {
    return ClientConnection.FRAME_CHARACTERS / 32;
  }

  public void start() {
    timer = vertx.setPeriodic(settings.flushInterval().toMillis(), id -> flush());
  }

  /** Stops the flush timer and unsubscribes every feed. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    subscriptions.closeAll();
  }

  /** Open WebSockets per client address; a slot is reserved before each handshake. */
  public AddressQuota quota() {
    return quota;
  }

  /**
   * Tells every client the server is going away: a close frame with status 1001 and a reason.
   * Completes when every close frame is written (or its socket is gone). Call on the endpoint's
   * context.
   */
  public Future<Void> goingAway() {
    List<Future<Void>> closing = new ArrayList<>();
    for (ClientConnection connection : List.copyOf(clients)) {
      if (!connection.socket.isClosed()) {
        closing.add(connection.socket.close((short) 1001, "the server is shutting down"));
      }
    }
    return Future.join(closing).mapEmpty();
  }

  /** Takes a socket whose handshake was accepted, holding a slot of {@link #quota()}. */
  public void accept(ServerWebSocket socket, HttpConnection transport, String address) {
    ClientConnection connection =
        new ClientConnection(
            socket,
            transport,
            address,
            settings.laggingEventsKept(),
            settings.maxCommandsPerSecond(),
            commandsInFlight,
            settings.maxFrameBytes(),
            counters);
    clients.add(connection);
    socket.setWriteQueueMaxSize(settings.writeQueueBytes());
    TextMessages frames = new TextMessages(settings.maxFrameBytes());
    socket.frameHandler(frame -> onFrame(connection, frames.accept(frame)));
    socket.drainHandler(ignored -> connection.onDrain());
    socket.exceptionHandler(failure -> LOG.debug("websocket failure", failure));
    socket.closeHandler(ignored -> closed(connection));
  }

  public StreamCounters counters() {
    return counters;
  }

  /** Connected clients, for metrics and tests. */
  public int clientCount() {
    return clients.size();
  }

  /** Sessions with at least one watcher here. */
  public int feedCount() {
    return subscriptions.feedCount();
  }

  /** Sessions for which some client has a pending catch-up. */
  public int laggingSessionCount() {
    return clients.stream().mapToInt(ClientConnection::laggingSessions).sum();
  }

  private void flush() {
    List<Feed> ended = subscriptions.deliver();
    long now = System.nanoTime();
    long limit = settings.slowClientTimeout().toNanos();
    for (ClientConnection connection : List.copyOf(clients)) {
      if (connection.socket.isClosed()) {
        // Vert.x refuses writeQueueFull() on a closed socket; its close handler may not have run.
        closed(connection);
        continue;
      }
      connection.flush(now);
      if (connection.laggingForNanos(now) > limit && !connection.closing()) {
        closeSlow(connection);
      }
    }
    subscriptions.drop(ended);
  }

  /** Closes a client that stayed behind for longer than the slow-client timeout. */
  private void closeSlow(ClientConnection connection) {
    counters.slowClientsClosed++;
    closeWith(
        connection,
        (short) 1008,
        "client too slow: behind for more than " + settings.slowClientTimeout().toSeconds() + " s");
  }

  /**
   * Closes with a status and reason. A client that does not read may never receive the close frame,
   * nor answer it (and Vert.x's closing timeout starts only once the frame is out), so a moment
   * later the connection underneath is closed in any case.
   */
  private void closeWith(ClientConnection connection, short status, String reason) {
    connection.markClosing();
    connection.socket.close(status, reason);
    vertx.setTimer(
        1000,
        id -> {
          connection.abort();
          closed(connection);
        });
  }

  private void closed(ClientConnection connection) {
    if (!clients.remove(connection)) {
      return; // already cleaned up: the close handler and the flush both notice a closed socket
    }
    quota.release(connection.address);
    subscriptions.leaveAll(connection);
  }

  private void onFrame(ClientConnection connection, TextMessages.Outcome outcome) {
    if (connection.closing()) {
      return;
    }
    if (outcome instanceof TextMessages.Text message) {
      messages.onMessage(connection, message.text());
    } else if (outcome instanceof TextMessages.Close close) {
      closeWith(connection, close.status(), close.reason());
    }
  }
}
