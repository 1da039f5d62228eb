package io.downhill.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The load tests' command lines: picocli reads the flags (and answers {@code --help} from their
 * descriptions), the tool's own options record checks what they mean, each refusal naming its flag.
 */
public final class CommandLines {
  private CommandLines() {}

  /** {@code --help} was asked for; the message is the usage. */
  static final class HelpAsked extends RuntimeException {
    HelpAsked(String usage) {
      super(usage, null, false, false);
    }
  }

  /**
   * Reads {@code args} into the picocli options of {@code flags}; a flag it cannot read is refused.
   */
  public static <F> F read(F flags, String[] args) {
    // A flag given twice takes its last value, so a script's defaults can be overridden.
    CommandLine line = new CommandLine(flags).setOverwrittenOptionsAllowed(true);
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (line.isUsageHelpRequested()) {
      throw new HelpAsked(line.getUsageMessage());
    }
    return flags;
  }

  /**
   * {@code parse(args)}, or the end of the process: status 0 after printing the usage for {@code
   * --help}, status 2 after printing the refusal and the usage.
   */
  public static <T> T parseOrExit(
      String tool, String[] args, Function<String[], T> parse, Supplier<Object> blankFlags) {
    try {
      return parse.apply(args);
    } catch (HelpAsked help) {
      System.out.print(help.getMessage());
      System.exit(0);
    } catch (IllegalArgumentException e) {
      System.err.println(tool + ": " + e.getMessage());
      System.err.print(new CommandLine(blankFlags.get()).getUsageMessage());
      System.exit(2);
    }
    throw new IllegalStateException("unreachable");
  }

  /** A loopback {@code http://HOST:PORT}: these tools flood whatever they point at. */
  public static URI loopback(String value) {
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

  /** A whole number from min to max, or a refusal naming the flag. */
  public static int whole(String flag, String value, int min, int max) {
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

  /** {@code 30s}, {@code 2m}, {@code 1500ms}, or a bare number of seconds. */
  public static Duration duration(String flag, String value) {
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

  /** {@code --server-pid}: a process id, or -1 when the flag was not given. */
  public static long serverPid(String value) {
    return value == null ? -1 : whole("--server-pid", value, 1, Integer.MAX_VALUE);
  }

  /** {@code --duration}: the measurement window, at least a second (the samplers tick by it). */
  public static Duration window(String value) {
    Duration window = duration("--duration", value);
    if (window.toMillis() < 1000) {
      throw new IllegalArgumentException("--duration must be at least 1s");
    }
    return window;
  }

  /** {@code --warmup}: how long the load runs before the window opens; zero or more. */
  public static Duration warmup(String value) {
    Duration warmup = duration("--warmup", value);
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    return warmup;
  }
}
