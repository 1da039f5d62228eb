package io.downhill.gateway.websocket;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * Something a WebSocket client watches by id — a session, a sweep, a workshop's room — as its
 * feature offers it to the endpoint: the field that names it in {@code subscribe} and {@code
 * unsubscribe}, and the feed a subscription joins. One per feature, for the server's life.
 */
public interface Topic {

  /** The message field that names it: {@code "session"}, {@code "sweep"}, {@code "workshop"}. */
  String field();

  /**
   * The feed a subscription to {@code id} joins. May ask first (a workshop checks the token); a
   * refusal is a failed future holding an {@code ApiError}.
   *
   * @param token the message's {@code token}, or null
   */
  Future<Watch> watch(String id, String token, Context context);

  /** The feed keys an {@code unsubscribe} of {@code id} leaves. */
  default List<String> keys(String id) {
    return List.of(id);
  }

  /**
   * A resolved subscription.
   *
   * @param key the feed's key among the gateway's feeds (one feed per key, however many watch)
   * @param open opens the feed when nobody watches it yet: checks the entity is there, then
   *     subscribes to it
   */
  record Watch(String key, Supplier<Future<? extends Feed>> open) {

    /**
     * The watch of an entity's own feed, keyed by its id, that opens once {@code find} has found
     * the entity: a subscription to one that is not there gets {@code find}'s refusal.
     */
    public static Future<Watch> whenFound(
        String id, Supplier<Future<?>> find, Supplier<? extends Feed> open) {
      return Future.succeededFuture(new Watch(id, () -> find.get().map(found -> open.get())));
    }
  }
}
