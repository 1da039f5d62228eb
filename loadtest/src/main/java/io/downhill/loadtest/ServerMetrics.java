package io.downhill.loadtest;

import io.vertx.core.json.JsonObject;

/** One reading of the server's {@code GET /api/metrics}. */
record ServerMetrics(
    long heapUsedBytes,
    long heapMaxBytes,
    int sessions,
    int webSocketClients,
    int watchedSessions,
    int laggingSubscriptions,
    long framesSent,
    long catchUps,
    long slowClientsClosed) {

  static ServerMetrics of(JsonObject json) {
    return new ServerMetrics(
        json.getLong("heapUsedBytes", 0L),
        json.getLong("heapMaxBytes", 0L),
        json.getInteger("sessions", 0),
        json.getInteger("webSocketClients", 0),
        json.getInteger("watchedSessions", 0),
        json.getInteger("laggingSubscriptions", 0),
        json.getLong("framesSent", 0L),
        json.getLong("catchUps", 0L),
        json.getLong("slowClientsClosed", 0L));
  }
}
