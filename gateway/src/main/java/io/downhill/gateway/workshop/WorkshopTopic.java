package io.downhill.gateway.workshop;

import io.downhill.gateway.client.SessionClient;
import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.websocket.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;

/**
 * Workshops as a WebSocket client watches them: {@code {"type":"subscribe","workshop":id}} joins
 * the room's feed; with the instructor's {@code token}, the instructor's (which alone holds the
 * code and the participants). Any other token is refused.
 */
public final class WorkshopTopic implements Topic {
  private final SessionClient client;

  public WorkshopTopic(SessionClient client) {
    this.client = client;
  }

  @Override
  public String field() {
    return "workshop";
  }

  @Override
  public Future<Watch> watch(String id, String token, Context context) {
    return client
        .workshopState(id, token, context)
        .compose(
            found -> {
              boolean instructor = token != null && found.instructor();
              if (token != null && !instructor) {
                return Future.failedFuture(
                    new ApiError(403, "token", "not this workshop's instructor"));
              }
              String key = WorkshopFeed.key(id, instructor);
              return Future.succeededFuture(
                  new Watch(
                      key,
                      () -> {
                        WorkshopFeed feed = new WorkshopFeed(key, instructor);
                        feed.attach(client.subscribeWorkshop(id, context, feed::accept));
                        return Future.succeededFuture(feed);
                      }));
            });
  }

  /** Both views: an unsubscribe leaves whichever the client watches. */
  @Override
  public List<String> keys(String id) {
    return List.of(WorkshopFeed.key(id, true), WorkshopFeed.key(id, false));
  }
}
