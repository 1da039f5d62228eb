package io.downhill.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients that live on one event loop: deploying the group opens and subscribes them, a few
 * handshakes at a time; undeploying it closes them. One group per client event loop, so the
 * clients' parsing is spread over the loops.
 */
final class WatcherGroup extends VerticleBase {
  /** The largest message a client accepts: a flat-out session can batch thousands of steps. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final URI server;
  private final List<StreamWatcher> watchers;
  private final int maxConnecting;
  private WebSocketClient client;
  private int nextToOpen;
  private int connecting;

  WatcherGroup(URI server, List<StreamWatcher> watchers, int maxConnecting) {
    this.server = server;
    this.watchers = List.copyOf(watchers);
    this.maxConnecting = maxConnecting;
  }

  @Override
  public Future<?> start() {
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(Math.max(1, watchers.size()))
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setConnectTimeout(10_000)
                .setTcpNoDelay(true));
    Promise<Void> allOpen = Promise.promise();
    openMore(allOpen);
    return allOpen.future();
  }

  /** Keeps {@code maxConnecting} handshakes in flight until every client is subscribed. */
  private void openMore(Promise<Void> allOpen) {
    if (nextToOpen == watchers.size() && connecting == 0) {
      allOpen.tryComplete();
      return;
    }
    while (connecting < maxConnecting && nextToOpen < watchers.size()) {
      StreamWatcher watcher = watchers.get(nextToOpen++);
      connecting++;
      watcher
          .open(vertx, client, connectOptions())
          .onComplete(
              opened -> {
                connecting--;
                if (opened.failed()) {
                  allOpen.tryFail(opened.cause());
                } else if (!allOpen.future().isComplete()) {
                  openMore(allOpen);
                }
              });
    }
  }

  private WebSocketConnectOptions connectOptions() {
    // No Origin header: the server lets programs in without one.
    return new WebSocketConnectOptions()
        .setHost(server.getHost())
        .setPort(server.getPort())
        .setURI("/ws")
        .setAllowOriginHeader(false);
  }

  /** Every client's counts, read on this group's event loop. */
  Future<List<WatcherCounts>> counts() {
    Promise<List<WatcherCounts>> read = Promise.promise();
    context.runOnContext(
        ignored -> {
          List<WatcherCounts> counts = new ArrayList<>(watchers.size());
          for (StreamWatcher watcher : watchers) {
            counts.add(watcher.counts());
          }
          read.complete(counts);
        });
    return read.future();
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closed = new ArrayList<>(watchers.size());
    for (StreamWatcher watcher : watchers) {
      closed.add(watcher.close().recover(failure -> Future.succeededFuture()));
    }
    return Future.join(closed).eventually(() -> client.close());
  }
}
