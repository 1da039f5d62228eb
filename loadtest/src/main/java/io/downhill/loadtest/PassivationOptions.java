package io.downhill.loadtest;

import java.net.URI;
import java.time.Duration;

/**
 * The command line of {@link PassivationLoad}, parsed and checked once, in the same hand-parsed
 * style as {@link LoadOptions}. The target must be a loopback address, and the server's process id
 * is required: its memory is read from {@code /proc} and its heap is collected with {@code jcmd}.
 *
 * @param url the server, {@code http://127.0.0.1:PORT}
 * @param serverPid the server's process id
 * @param sessions sessions to create, then let passivate
 * @param touch distinct passivated sessions to bring back, one after another
 * @param passivateAfter the server's {@code downhill.session.passivate-after}, which bounds the
 *     wait for the sessions to leave memory
 * @param concurrency creation requests in flight at once
 * @param seed picks the sessions to touch, so that a run can be repeated
 */
record PassivationOptions(
    URI url,
    long serverPid,
    int sessions,
    int touch,
    Duration passivateAfter,
    int concurrency,
    long seed) {

  static final String USAGE =
      """
      usage: java -cp loadtest.jar io.downhill.loadtest.PassivationLoad \\
               --url http://127.0.0.1:PORT --server-pid PID [options]
        --sessions N         sessions to create and let passivate (default 100000)
        --touch M            distinct passivated sessions to bring back, one at a time (default 1000)
        --passivate-after D  the server's downhill.session.passivate-after, e.g. 5s (default 5s)
        --concurrency N      creation requests in flight (default 32)
        --seed S             picks the sessions to touch (default 1)
      """;

  static PassivationOptions parse(String[] args) {
    URI url = null;
    long serverPid = -1;
    int sessions = 100_000;
    int touch = 1000;
    Duration passivateAfter = Duration.ofSeconds(5);
    int concurrency = 32;
    long seed = 1;
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
        case "--url" -> url = LoadOptions.loopback(value);
        case "--server-pid" -> serverPid = LoadOptions.whole(flag, value, 1, Integer.MAX_VALUE);
        case "--sessions" -> sessions = LoadOptions.whole(flag, value, 1, 10_000_000);
        case "--touch" -> touch = LoadOptions.whole(flag, value, 0, 10_000_000);
        case "--passivate-after" -> passivateAfter = LoadOptions.duration(flag, value);
        case "--concurrency" -> concurrency = LoadOptions.whole(flag, value, 1, 1024);
        case "--seed" -> seed = LoadOptions.whole(flag, value, 0, Integer.MAX_VALUE);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    if (serverPid < 0) {
      throw new IllegalArgumentException("--server-pid is required: the test reads its memory");
    }
    if (touch > sessions) {
      throw new IllegalArgumentException(
          "--touch (" + touch + ") cannot be more than --sessions (" + sessions + ")");
    }
    if (passivateAfter.isNegative() || passivateAfter.isZero()) {
      throw new IllegalArgumentException("--passivate-after must be positive");
    }
    return new PassivationOptions(
        url, serverPid, sessions, touch, passivateAfter, concurrency, seed);
  }

  /**
   * How long to wait, once every session is created, for them to leave memory: the last one created
   * passivates {@code passivate-after} (plus its one-second idle check) later; the minute on top is
   * for a server busy stopping thousands of entities at once.
   */
  Duration passivationWait() {
    return passivateAfter.plusSeconds(60);
  }
}
