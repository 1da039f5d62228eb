package io.downhill.gateway.sweep;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.websocket.Topic;
import io.downhill.sweep.Sweep;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Sweeps as a WebSocket client watches them: {@code {"type":"subscribe","sweep":id}} joins the
 * gateway's one {@link SweepFeed} of that sweep, opened once the sweep is found.
 */
public final class SweepTopic implements Topic {
  private final SessionClient client;

  public SweepTopic(SessionClient client) {
    this.client = client;
  }

  @Override
  public String field() {
    return "sweep";
  }

  @Override
  public Future<Watch> watch(String id, String token, Context context) {
    return Watch.whenFound(
        id,
        () -> client.sweepCommand(id, Sweep.GetState::new, context),
        () -> {
          SweepFeed feed = new SweepFeed(id);
          feed.attach(client.subscribeSweep(id, context, feed::accept));
          return feed;
        });
  }
}
