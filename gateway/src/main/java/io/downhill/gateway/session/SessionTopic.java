package io.downhill.gateway.session;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.websocket.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Sessions as a WebSocket client watches them: {@code {"type":"subscribe","session":id}} joins the
 * gateway's one {@link SessionFeed} of that session, opened once the session is found.
 */
public final class SessionTopic implements Topic {
  private final SessionClient client;

  public SessionTopic(SessionClient client) {
    this.client = client;
  }

  @Override
  public String field() {
    return "session";
  }

  @Override
  public Future<Watch> watch(String id, String token, Context context) {
    return Watch.whenFound(
        id,
        () -> client.state(id, context),
        () -> {
          SessionFeed feed = new SessionFeed(id);
          feed.attach(client.subscribeSession(id, context, feed::accept));
          return feed;
        });
  }
}
