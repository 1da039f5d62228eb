package io.downhill.loadtest;

import picocli.CommandLine.Option;

/**
 * The flags of a load test that measures a window on a server of this machine: how long the window
 * is, and which process's CPU to read over it. Mixed into each such tool's own flags.
 */
final class WindowFlags {
  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "measurement window, e.g. 30s, 2m (default 30s)")
  String duration = "30s";

  @Option(
      names = "--server-pid",
      paramLabel = "PID",
      description = "report the server's CPU from /proc/PID (optional)")
  String serverPid;
}
