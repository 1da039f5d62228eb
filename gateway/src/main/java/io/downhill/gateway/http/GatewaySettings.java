package io.downhill.gateway.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's settings, read once from {@code downhill.gateway}.
 *
 * @param host the interface to listen on
 * @param port the port (0 picks a free one)
 * @param allowedOrigins origins allowed to open the WebSocket besides the page's own
 * @param allowedHosts host names the server answers to besides loopback and its own addresses
 * @param maxBodyBytes the largest request body
 * @param maxFrameBytes the largest WebSocket frame or message from a client
 * @param askTimeout how long an answer from a session may take
 * @param flushInterval the least time between two frames to one client
 * @param slowClientTimeout how long a client's write queue may stay full before it is closed
 * @param writeQueueBytes the bytes queued for a WebSocket before it counts as full
 * @param laggingEventsKept state events kept for a lagging client
 * @param maxCommandsPerSecond WebSocket commands accepted per second per connection
 * @param wrongJoinCodesPerMinute wrong workshop join codes accepted per minute per address
 * @param maxWebSocketsPerAddress WebSockets one client address may hold open at once
 */
public record GatewaySettings(
    String host,
    int port,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    int maxBodyBytes,
    int maxFrameBytes,
    Duration askTimeout,
    Duration flushInterval,
    Duration slowClientTimeout,
    int writeQueueBytes,
    int laggingEventsKept,
    int maxCommandsPerSecond,
    int wrongJoinCodesPerMinute,
    int maxWebSocketsPerAddress) {

  public static GatewaySettings from(Config config) {
    Config c = config.getConfig("downhill.gateway");
    return new GatewaySettings(
        c.getString("host"),
        c.getInt("port"),
        List.copyOf(c.getStringList("allowed-origins")),
        List.copyOf(c.getStringList("allowed-hosts")),
        c.getInt("max-body-bytes"),
        c.getInt("max-frame-bytes"),
        c.getDuration("ask-timeout"),
        c.getDuration("flush-interval"),
        c.getDuration("slow-client-timeout"),
        c.getInt("write-queue-bytes"),
        c.getInt("lagging-events-kept"),
        c.getInt("max-commands-per-second"),
        c.getInt("wrong-join-codes-per-minute"),
        c.getInt("max-websockets-per-address"));
  }

  public GatewaySettings withPort(int newPort) {
    return new GatewaySettings(
        host,
        newPort,
        allowedOrigins,
        allowedHosts,
        maxBodyBytes,
        maxFrameBytes,
        askTimeout,
        flushInterval,
        slowClientTimeout,
        writeQueueBytes,
        laggingEventsKept,
        maxCommandsPerSecond,
        wrongJoinCodesPerMinute,
        maxWebSocketsPerAddress);
  }
}
