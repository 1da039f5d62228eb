package io.downhill.gateway.websocket;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.AnswerBudget;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.GatewaySettings;
import io.downhill.gateway.http.JsonInput;
import io.downhill.gateway.http.WireJson;
import io.downhill.gateway.session.SessionFeed;
import io.downhill.gateway.session.SessionView;
import io.downhill.gateway.session.SessionsApi;
import io.downhill.gateway.session.StepsAnswer;
import io.downhill.gateway.sweep.SweepFeed;
import io.downhill.gateway.workshop.WorkshopFeed;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import io.downhill.session.Snapshot;
import io.downhill.sweep.Sweep;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at {@code /ws}: clients subscribe to sessions by id and, with a session's token,
 * drive it. Per gateway there is one subscription per watched session or sweep ({@link Feed}),
 * fanned out to every client watching it; every {@code flush-interval} each client gets at most one
 * frame holding everything since the last. All of it runs on one event loop.
 */
public final class WebSocketEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

  /** Sessions one connection may watch at once (an instructor watches a whole room). */
  static final int MAX_SUBSCRIPTIONS = 1000;

  private final int commandsInFlight;

  private final Vertx vertx;
  private final Context context;
  private final SessionClient client;
  private final GatewaySettings settings;
  private final SessionSettings sessionSettings;
  private final Map<String, Feed> feeds = new HashMap<>();
  private final Set<ClientConnection> clients = new LinkedHashSet<>();
  private final StreamCounters counters = new StreamCounters();
  private final AddressQuota quota;
  private long timer = -1;
  private final StepsAnswer stepsAnswer;

  public WebSocketEndpoint(
      Vertx vertx,
      Context context,
      SessionClient client,
      GatewaySettings settings,
      SessionSettings sessionSettings) {
    this.vertx = vertx;
    this.context = context;
    this.commandsInFlight =
        client.system().settings().config().getInt("downhill.gateway.max-commands-in-flight");
    this.client = client;
    this.settings = settings;
    this.sessionSettings = sessionSettings;
    this.quota = new AddressQuota(settings.maxWebSocketsPerAddress());
    // A reply travels in one frame: a number with its comma takes at most 25 characters.
    this.stepsAnswer =
        new StepsAnswer(
            AnswerBudget.from(client.system().settings().config())
                .atMost(ClientConnection.FRAME_CHARACTERS / 32));
  }

  public void start() {
    timer = vertx.setPeriodic(settings.flushInterval().toMillis(), id -> flush());
  }

  /** Stops the flush timer and unsubscribes every feed. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (Feed feed : feeds.values()) {
      feed.subscription.close();
    }
    feeds.clear();
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
    TextMessages messages = new TextMessages(settings.maxFrameBytes());
    socket.frameHandler(frame -> onFrame(connection, messages.accept(frame)));
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
    return feeds.size();
  }

  /** Sessions for which some client has a pending catch-up. */
  public int laggingSessionCount() {
    return clients.stream().mapToInt(ClientConnection::laggingSessions).sum();
  }

  private void flush() {
    List<Feed> ended = new ArrayList<>();
    for (Feed feed : feeds.values()) {
      FeedBatch batch = feed.drain();
      if (batch != null) {
        for (ClientConnection watcher : feed.watchers) {
          watcher.deliver(feed, batch);
        }
      }
      if (feed.stopped()) {
        ended.add(feed);
      }
    }
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
    for (Feed feed : ended) {
      for (ClientConnection watcher : feed.watchers) {
        watcher.forget(feed.id);
      }
      feeds.remove(feed.id);
      feed.subscription.close();
    }
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
    for (String id : List.copyOf(connection.subscriptions.keySet())) {
      unwatch(connection, id);
    }
  }

  private void onFrame(ClientConnection connection, TextMessages.Outcome outcome) {
    if (connection.closing()) {
      return;
    }
    if (outcome instanceof TextMessages.Text message) {
      onMessage(connection, message.text());
    } else if (outcome instanceof TextMessages.Close close) {
      closeWith(connection, close.status(), close.reason());
    }
  }

  private void onMessage(ClientConnection connection, String text) {
    Object requestId = null;
    try {
      JsonInput message = JsonInput.parse(text);
      requestId = message.requestId("requestId");
      if (!connection.rate().tryAcquire()) {
        throw new ApiError(
            429, null, "more than " + connection.rate().perSecond() + " commands per second");
      }
      connection.inFlight.admit();
      dispatch(connection, message, requestId);
    } catch (ApiError error) {
      refuse(connection, requestId, error);
    }
  }

  private void dispatch(ClientConnection connection, JsonInput message, Object requestId) {
    String type = message.requiredText("type");
    switch (type) {
      case "subscribe" -> {
        JsonInput body = fields(message, "session", "sweep", "workshop", "token");
        if (body.has("workshop")) {
          subscribeWorkshop(
              connection, body.requiredText("workshop"), body.text("token", null), requestId);
        } else if (body.has("sweep")) {
          subscribeSweep(connection, body.requiredText("sweep"), requestId);
        } else {
          subscribe(connection, body, requestId);
        }
      }
      case "unsubscribe" -> {
        JsonInput body = fields(message, "session", "sweep", "workshop");
        String id =
            body.has("workshop")
                ? body.requiredText("workshop")
                : body.has("sweep") ? body.requiredText("sweep") : body.requiredText("session");
        if (body.has("workshop")) {
          unwatch(connection, WorkshopFeed.key(id, true));
          unwatch(connection, WorkshopFeed.key(id, false));
        }
        unwatch(connection, id);
        reply(connection, requestId, type, Map.of("session", id));
      }
      case "state" -> {
        String id = fields(message, "session").requiredText("session");
        answer(connection, requestId, type, client.state(id, context).map(SessionView::of));
      }
      case "evaluate" -> {
        JsonInput body = fields(message, "session", "params");
        String id = body.requiredText("session");
        double[] params = body.requiredNumbers("params", 1024);
        answer(
            connection,
            requestId,
            type,
            client
                .evaluate(id, params, context)
                .map(e -> SessionsApi.EvaluationView.of(e, params)));
      }
      case "step" -> {
        JsonInput body = fields(message, "session", "token", "count");
        int count = (int) body.requiredInteger("count", 1, sessionSettings.maxStepRequest());
        answer(
            connection,
            requestId,
            type,
            client
                .step(body.requiredText("session"), token(body), count, context)
                .map(stepsAnswer::of));
      }
      case "run" -> {
        JsonInput body = fields(message, "session", "token", "count", "stepsPerSecond");
        long count = body.requiredInteger("count", 1, sessionSettings.maxRunSteps());
        double pace = body.number("stepsPerSecond", 0);
        drive(connection, requestId, type, body, (t, r) -> new Session.Run(t, count, pace, r));
      }
      case "pause" ->
          drive(
              connection, requestId, type, fields(message, "session", "token"), Session.Pause::new);
      case "reset" ->
          drive(
              connection, requestId, type, fields(message, "session", "token"), Session.Reset::new);
      case "lr" -> {
        JsonInput body = fields(message, "session", "token", "lr");
        double lr = body.requiredNumber("lr");
        drive(connection, requestId, type, body, (t, r) -> new Session.SetLearningRate(t, lr, r));
      }
      case "params" -> {
        JsonInput body = fields(message, "session", "token", "params");
        double[] params = body.requiredNumbers("params", 1024);
        drive(connection, requestId, type, body, (t, r) -> new Session.SetParams(t, params, r));
      }
      case "accumulate" -> {
        JsonInput body = fields(message, "session", "token", "accumulateGradients");
        if (!body.has("accumulateGradients")) {
          throw ApiError.badRequest("accumulateGradients", "is required");
        }
        boolean on = body.bool("accumulateGradients", false);
        drive(
            connection,
            requestId,
            type,
            body,
            (t, r) -> new Session.SetAccumulateGradients(t, on, r));
      }
      default -> throw ApiError.badRequest("type", "unknown message type '" + type + "'");
    }
  }

  private static JsonInput fields(JsonInput message, String... names) {
    Set<String> allowed = new LinkedHashSet<>(List.of(names));
    allowed.add("type");
    allowed.add("requestId");
    return message.allowOnly(allowed);
  }

  private void subscribe(ClientConnection connection, JsonInput body, Object requestId) {
    String id = body.requiredText("session");
    watch(
        connection,
        id,
        "session",
        requestId,
        () ->
            client
                .state(id, context)
                .map(
                    found -> {
                      SessionFeed feed = new SessionFeed(id);
                      feed.subscription = client.subscribeSession(id, context, feed::accept);
                      return feed;
                    }));
  }

  private void subscribeSweep(ClientConnection connection, String id, Object requestId) {
    watch(
        connection,
        id,
        "sweep",
        requestId,
        () ->
            client
                .sweepCommand(id, Sweep.GetState::new, context)
                .map(
                    found -> {
                      SweepFeed feed = new SweepFeed(id);
                      feed.subscription = client.subscribeSweep(id, context, feed::accept);
                      return feed;
                    }));
  }

  /** The instructor's token gives the instructor's view; anyone else gets the room's. */
  private void subscribeWorkshop(
      ClientConnection connection, String id, String token, Object requestId) {
    connection
        .inFlight
        .track(client.workshopState(id, token, context))
        .onSuccess(
            found -> {
              boolean instructor = token != null && found.instructor();
              if (token != null && !instructor) {
                refuse(
                    connection,
                    requestId,
                    new ApiError(403, "token", "not this workshop's instructor"));
                return;
              }
              String key = WorkshopFeed.key(id, instructor);
              watch(
                  connection,
                  key,
                  "workshop",
                  requestId,
                  () -> {
                    WorkshopFeed feed = new WorkshopFeed(key, instructor);
                    feed.subscription = client.subscribeWorkshop(id, context, feed::accept);
                    return Future.succeededFuture(feed);
                  });
            })
        .onFailure(failure -> refuse(connection, requestId, failure));
  }

  /**
   * Adds the connection to the feed of {@code id}, opening the feed (one per gateway) when it is
   * the first watcher. A client that joins a watched feed gets its latest state at once.
   */
  private void watch(
      ClientConnection connection,
      String id,
      String kind,
      Object requestId,
      Supplier<Future<? extends Feed>> open) {
    if (connection.subscriptions.containsKey(id)) {
      reply(connection, requestId, "subscribe", Map.of(kind, id.split("#")[0]));
      return;
    }
    if (connection.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      throw new ApiError(
          429, kind, "at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection");
    }
    Feed existing = feeds.get(id);
    Future<? extends Feed> feed =
        existing != null ? Future.succeededFuture(existing) : connection.inFlight.track(open.get());
    feed.onSuccess(
            opened -> {
              if (connection.socket.isClosed()) {
                return;
              }
              Feed current = feeds.computeIfAbsent(id, ignored -> opened);
              if (current != opened && existing == null) {
                opened.subscription.close(); // another client opened it meanwhile
              }
              current.watchers.add(connection);
              connection.subscriptions.put(id, current);
              reply(connection, requestId, "subscribe", Map.of(kind, id.split("#")[0]));
              connection.send(current.latestMessages());
            })
        .onFailure(failure -> refuse(connection, requestId, failure));
  }

  private void unwatch(ClientConnection connection, String id) {
    connection.forget(id);
    Feed feed = feeds.get(id);
    if (feed != null && feed.watchers.remove(connection) && feed.watchers.isEmpty()) {
      feeds.remove(id);
      feed.subscription.close();
    }
  }

  private static String token(JsonInput body) {
    return body.requiredText("token");
  }

  private void drive(
      ClientConnection connection,
      Object requestId,
      String type,
      JsonInput body,
      BiFunction<String, ActorRef<StatusReply<Snapshot>>, Session.Command> command) {
    String id = body.requiredText("session");
    String token = token(body);
    answer(
        connection,
        requestId,
        type,
        client.command(id, r -> command.apply(token, r), context).map(SessionView::of));
  }

  private void answer(
      ClientConnection connection, Object requestId, String type, Future<?> result) {
    connection
        .inFlight
        .track(result)
        .onSuccess(value -> reply(connection, requestId, type, value))
        .onFailure(failure -> refuse(connection, requestId, failure));
  }

  private void reply(ClientConnection connection, Object requestId, String type, Object result) {
    connection.send(WireJson.encode(new StreamMessages.Reply(requestId, type, result)));
  }

  private void refuse(ClientConnection connection, Object requestId, Throwable failure) {
    ApiError error = failure instanceof ApiError e ? e : new ApiError(500, null, "internal error");
    if (!(failure instanceof ApiError)) {
      LOG.error("unexpected failure on a websocket command", failure);
    }
    counters.refused(error.status());
    // Over the WebSocket the token travels in the message's "token" field, not a header.
    String field = "Authorization".equals(error.field()) ? "token" : error.field();
    connection.send(
        WireJson.encode(
            new StreamMessages.Error(requestId, error.status(), error.getMessage(), field)));
  }
}
