package io.downhill.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * The command line of {@link StreamLoad}, parsed and checked once. The target must be a loopback
 * address: this tool floods whatever it points at.
 *
 * @param url the server, {@code http://127.0.0.1:PORT}
 * @param clients WebSocket clients to open
 * @param sessions sessions to create and run; client {@code i} watches session {@code i % sessions}
 * @param duration the measurement window
 * @param warmup how long the runs go before the window opens
 * @param stepsPerSecond the pace of every run; 0 runs flat out
 * @param eventLoops Vert.x event loops the clients are spread over
 * @param maxConnecting WebSocket handshakes in flight at once
 * @param serverPid the server's process id, for its CPU time from {@code /proc}; -1 when unknown
 */
record LoadOptions(
    URI url,
    int clients,
    int sessions,
    Duration duration,
    Duration warmup,
    double stepsPerSecond,
    int eventLoops,
    int maxConnecting,
    long serverPid) {

  static final String USAGE =
      """
      usage: java -cp loadtest.jar io.downhill.loadtest.StreamLoad --url http://127.0.0.1:PORT [options]
        --clients N            WebSocket clients (default 1000)
        --sessions N           running sessions; client i watches session i % N (default 100)
        --duration D           measurement window, e.g. 30s, 2m (default 30s)
        --warmup D             runs go this long before the window opens (default 5s)
        --steps-per-second S   pace of each run; 0 = flat out (default 200)
        --event-loops N        client event loops (default 2)
        --max-connecting N     WebSocket handshakes in flight (default 64)
        --server-pid PID       report the server's CPU from /proc/PID (optional)
      """;

  static LoadOptions parse(String[] args) {
    URI url = null;
    int clients = 1000;
    int sessions = 100;
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    double stepsPerSecond = 200;
    int eventLoops = 2;
    int maxConnecting = 64;
    long serverPid = -1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--url" -> url = loopback(value);
        case "--clients" -> clients = whole(flag, value, 1, 100_000);
        case "--sessions" -> sessions = whole(flag, value, 1, 10_000);
        case "--duration" -> duration = duration(flag, value);
        case "--warmup" -> warmup = duration(flag, value);
        case "--steps-per-second" -> stepsPerSecond = pace(value);
        case "--event-loops" -> eventLoops = whole(flag, value, 1, 64);
        case "--max-connecting" -> maxConnecting = whole(flag, value, 1, 10_000);
        case "--server-pid" -> serverPid = whole(flag, value, 1, Integer.MAX_VALUE);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    if (duration.toMillis() < 1000) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    return new LoadOptions(
        url,
        clients,
        sessions,
        duration,
        warmup,
        stepsPerSecond,
        eventLoops,
        maxConnecting,
        serverPid);
  }

  /** Whole seconds of the window: the sampler ticks once a second. */
  int durationSeconds() {
    return (int) Math.max(1, duration.toSeconds());
  }

  int warmupSeconds() {
    return (int) warmup.toSeconds();
  }

  static URI loopback(String value) {
    URI uri = URI.create(value);
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
      throw new IllegalArgumentException("--url must look like http://127.0.0.1:PORT");
    }
    try {
      if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("--url must point at this machine (127.0.0.1)");
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--url has an unknown host: " + uri.getHost());
    }
    return uri;
  }

  static int whole(String flag, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        flag + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
  }

  private static double pace(String value) {
    try {
      double pace = Double.parseDouble(value);
      if (pace >= 0 && pace <= 1_000_000) {
        return pace;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--steps-per-second must be from 0 (flat out) to 1000000, not '" + value + "'");
  }

  /** {@code 30s}, {@code 2m}, {@code 1500ms}, or a bare number of seconds. */
  static Duration duration(String flag, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " must be a duration such as 30s, 2m or 500ms, not '" + value + "'");
    }
  }
}
