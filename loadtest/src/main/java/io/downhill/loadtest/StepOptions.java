package io.downhill.loadtest;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link StepLoad}, parsed and checked once. The target must be a loopback
 * address: this tool floods whatever it points at.
 *
 * @param url the server, {@code http://127.0.0.1:PORT}
 * @param sessions participants, each with a session of its own and one step request in flight
 * @param steps steps each request asks for
 * @param duration the measurement window
 * @param warmup how long the room steps before the window opens
 * @param serverPid the server's process id, for its CPU time from {@code /proc}; -1 when unknown
 */
record StepOptions(
    URI url, int sessions, int steps, Duration duration, Duration warmup, long serverPid) {

  /** The flags as given; {@link #parse} checks what they mean. */
  @Command(
      name = "StepLoad",
      mixinStandardHelpOptions = true,
      version = "Downhill load tests 0.1.0",
      sortOptions = false,
      description =
          "A room of participants clicking Step: each asks its own session of a loopback server"
              + " for steps over REST, and again as soon as the answer arrives.")
  static final class Flags {
    @Option(names = "--url", paramLabel = "URL", description = "the server, http://127.0.0.1:PORT")
    String url;

    @Option(
        names = "--sessions",
        paramLabel = "N",
        description = "participants, one session each (default 200)")
    String sessions = "200";

    @Option(names = "--steps", paramLabel = "K", description = "steps per request (default 50)")
    String steps = "50";

    @Mixin WindowFlags window = new WindowFlags();

    @Option(
        names = "--warmup",
        paramLabel = "D",
        description = "the room steps this long before the window opens (default 20s)")
    String warmup = "20s";
  }

  static StepOptions parse(String[] args) {
    Flags flags = CommandLines.read(new Flags(), args);
    if (flags.url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    URI url = CommandLines.loopback(flags.url);
    int sessions = CommandLines.whole("--sessions", flags.sessions, 1, 10_000);
    int steps = CommandLines.whole("--steps", flags.steps, 1, 10_000);
    Duration duration = CommandLines.window(flags.window.duration);
    Duration warmup = CommandLines.warmup(flags.warmup);
    long serverPid = CommandLines.serverPid(flags.window.serverPid);
    return new StepOptions(url, sessions, steps, duration, warmup, serverPid);
  }
}
