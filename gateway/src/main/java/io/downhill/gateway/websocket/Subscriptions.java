package io.downhill.gateway.websocket;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.JsonInput;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feeds the gateway's clients watch, one per watched session, sweep or room however many watch
 * it, and the {@code subscribe} and {@code unsubscribe} messages that join and leave them. Lives as
 * long as its endpoint, on its event loop.
 */
final class Subscriptions {
  /** Feeds one connection may watch at once (an instructor watches a whole room). */
  static final int MAX_SUBSCRIPTIONS = 1000;

  private final Map<String, Feed> feeds = new HashMap<>();
  private final List<Topic> topics;
  private final Set<String> subscribeFields = new LinkedHashSet<>();
  private final Set<String> unsubscribeFields = new LinkedHashSet<>();
  private final Context context;
  private final Answers answers;

  /**
   * @param topics in the order a message's fields are tried; the last is the one a message naming
   *     none of them is taken for
   */
  Subscriptions(List<Topic> topics, Context context, Answers answers) {
    this.topics = List.copyOf(topics);
    this.context = context;
    this.answers = answers;
    for (Topic topic : topics) {
      unsubscribeFields.add(topic.field());
    }
    unsubscribeFields.addAll(List.of("type", "requestId"));
    subscribeFields.addAll(unsubscribeFields);
    subscribeFields.add("token");
  }

  void subscribe(ClientConnection connection, JsonInput message, Object requestId) {
    JsonInput body = message.allowOnly(subscribeFields);
    Topic topic = topicOf(body);
    String id = body.requiredText(topic.field());
    connection
        .inFlight
        .track(topic.watch(id, body.text("token", null), context))
        .onSuccess(watch -> join(connection, topic, id, watch, requestId))
        .onFailure(failure -> answers.refuse(connection, requestId, failure));
  }

  void unsubscribe(ClientConnection connection, JsonInput message, Object requestId) {
    JsonInput body = message.allowOnly(unsubscribeFields);
    Topic topic = topicOf(body);
    String id = body.requiredText(topic.field());
    for (String key : topic.keys(id)) {
      unwatch(connection, key);
    }
    // The answer names the id as "session" whatever was watched, as it always has.
    answers.reply(connection, requestId, "unsubscribe", Map.of(fallback().field(), id));
  }

  private Topic topicOf(JsonInput body) {
    for (Topic topic : topics) {
      if (body.has(topic.field())) {
        return topic;
      }
    }
    return fallback();
  }

  private Topic fallback() {
    return topics.get(topics.size() - 1);
  }

  /**
   * Adds the connection to the feed of {@code watch.key()}, opening the feed (one per gateway) when
   * it is the first watcher. A client that joins a watched feed gets its latest state at once.
   */
  private void join(
      ClientConnection connection, Topic topic, String id, Topic.Watch watch, Object requestId) {
    String key = watch.key();
    if (connection.subscriptions.containsKey(key)) {
      answers.reply(connection, requestId, "subscribe", Map.of(topic.field(), id));
      return;
    }
    if (connection.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      answers.refuse(
          connection,
          requestId,
          new ApiError(
              429,
              topic.field(),
              "at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection"));
      return;
    }
    Feed existing = feeds.get(key);
    Future<? extends Feed> feed =
        existing != null
            ? Future.succeededFuture(existing)
            : connection.inFlight.track(watch.open().get());
    feed.onSuccess(
            opened -> {
              if (connection.socket.isClosed()) {
                return;
              }
              Feed current = feeds.computeIfAbsent(key, ignored -> opened);
              if (current != opened && existing == null) {
                opened.close(); // another client opened it meanwhile
              }
              current.watchers.add(connection);
              connection.subscriptions.put(key, current);
              answers.reply(connection, requestId, "subscribe", Map.of(topic.field(), id));
              connection.send(current.latestMessages());
            })
        .onFailure(failure -> answers.refuse(connection, requestId, failure));
  }

  /** Leaves every feed the connection watches (it has closed). */
  void leaveAll(ClientConnection connection) {
    for (String key : List.copyOf(connection.subscriptions.keySet())) {
      unwatch(connection, key);
    }
  }

  private void unwatch(ClientConnection connection, String key) {
    connection.forget(key);
    Feed feed = feeds.get(key);
    if (feed != null && feed.watchers.remove(connection) && feed.watchers.isEmpty()) {
      feeds.remove(key);
      feed.close();
    }
  }

  /** Hands each feed's batch since the last flush to its watchers; returns the feeds that ended. */
  List<Feed> deliver() {
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
    return ended;
  }

  /** Drops feeds whose source stopped, once their last batch went out. */
  void drop(List<Feed> ended) {
    for (Feed feed : ended) {
      for (ClientConnection watcher : feed.watchers) {
        watcher.forget(feed.id);
      }
      feeds.remove(feed.id);
      feed.close();
    }
  }

  /** Closes every feed's subscription. */
  void closeAll() {
    for (Feed feed : feeds.values()) {
      feed.close();
    }
    feeds.clear();
  }

  int feedCount() {
    return feeds.size();
  }
}
