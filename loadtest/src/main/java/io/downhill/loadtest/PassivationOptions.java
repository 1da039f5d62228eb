package io.downhill.loadtest;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link PassivationLoad}, parsed and checked once, as {@link LoadOptions} is.
 * The target must be a loopback address, and the server's process id is required: its memory is
 * read from {@code /proc} and its heap is collected with {@code jcmd}.
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

  /** The flags as given; {@link #parse} checks what they mean. */
  @Command(
      name = "PassivationLoad",
      mixinStandardHelpOptions = true,
      version = "Downhill load tests 0.1.0",
      sortOptions = false,
      description = "Creates sessions, lets them passivate, and brings some back.")
  static final class Flags {
    @Option(names = "--url", paramLabel = "URL", description = "the server, http://127.0.0.1:PORT")
    String url;

    @Option(
        names = "--server-pid",
        paramLabel = "PID",
        description = "the server's process id: its memory is read from /proc (required)")
    String serverPid;

    @Option(
        names = "--sessions",
        paramLabel = "N",
        description = "sessions to create and let passivate (default 100000)")
    String sessions = "100000";

    @Option(
        names = "--touch",
        paramLabel = "M",
        description = "distinct passivated sessions to bring back, one at a time (default 1000)")
    String touch = "1000";

    @Option(
        names = "--passivate-after",
        paramLabel = "D",
        description = "the server's downhill.session.passivate-after, e.g. 5s (default 5s)")
    String passivateAfter = "5s";

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        description = "creation requests in flight (default 32)")
    String concurrency = "32";

    @Option(
        names = "--seed",
        paramLabel = "S",
        description = "picks the sessions to touch (default 1)")
    String seed = "1";
  }

  static PassivationOptions parse(String[] args) {
    Flags flags = CommandLines.read(new Flags(), args);
    URI url = flags.url == null ? null : CommandLines.loopback(flags.url);
    long serverPid = CommandLines.serverPid(flags.serverPid);
    int sessions = CommandLines.whole("--sessions", flags.sessions, 1, 10_000_000);
    int touch = CommandLines.whole("--touch", flags.touch, 0, 10_000_000);
    Duration passivateAfter = CommandLines.duration("--passivate-after", flags.passivateAfter);
    int concurrency = CommandLines.whole("--concurrency", flags.concurrency, 1, 1024);
    long seed = CommandLines.whole("--seed", flags.seed, 0, Integer.MAX_VALUE);
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
