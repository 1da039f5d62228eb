package io.downhill.loadtest;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  /** The flags as given; {@link #parse} checks what they mean. */
  @Command(
      name = "StreamLoad",
      mixinStandardHelpOptions = true,
      version = "Downhill load tests 0.1.0",
      sortOptions = false,
      description = "Many real WebSocket clients watching running sessions of a loopback server.")
  static final class Flags {
    @Option(names = "--url", paramLabel = "URL", description = "the server, http://127.0.0.1:PORT")
    String url;

    @Option(names = "--clients", paramLabel = "N", description = "WebSocket clients (default 1000)")
    String clients = "1000";

    @Option(
        names = "--sessions",
        paramLabel = "N",
        description = "running sessions; client i watches session i %% N (default 100)")
    String sessions = "100";

    @Mixin WindowFlags window = new WindowFlags();

    @Option(
        names = "--warmup",
        paramLabel = "D",
        description = "runs go this long before the window opens (default 5s)")
    String warmup = "5s";

    @Option(
        names = "--steps-per-second",
        paramLabel = "S",
        description = "pace of each run; 0 = flat out (default 200)")
    String stepsPerSecond = "200";

    @Option(
        names = "--event-loops",
        paramLabel = "N",
        description = "client event loops (default 2)")
    String eventLoops = "2";

    @Option(
        names = "--max-connecting",
        paramLabel = "N",
        description = "WebSocket handshakes in flight (default 64)")
    String maxConnecting = "64";
  }

  static LoadOptions parse(String[] args) {
    Flags flags = CommandLines.read(new Flags(), args);
    URI url = flags.url == null ? null : CommandLines.loopback(flags.url);
    int clients = CommandLines.whole("--clients", flags.clients, 1, 100_000);
    int sessions = CommandLines.whole("--sessions", flags.sessions, 1, 10_000);
    Duration duration = CommandLines.window(flags.window.duration);
    Duration warmup = CommandLines.warmup(flags.warmup);
    double stepsPerSecond = pace(flags.stepsPerSecond);
    int eventLoops = CommandLines.whole("--event-loops", flags.eventLoops, 1, 64);
    int maxConnecting = CommandLines.whole("--max-connecting", flags.maxConnecting, 1, 10_000);
    long serverPid = CommandLines.serverPid(flags.window.serverPid);
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
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
}
