package io.downhill.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident set size of a Linux process: the {@code VmRSS} line of {@code /proc/PID/status}, the
 * memory the process really holds (heap pages it touched, native allocations, code), as opposed to
 * the heap the JVM reports.
 */
final class ProcessRss {
  private ProcessRss() {}

  /** Process {@code pid}'s resident set in bytes; fails when it cannot be read. */
  static long bytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      return fromStatus(Files.readString(status));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + status + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the text of {@code /proc/PID/status}. The kernel writes {@code VmRSS:\t 393492 kB},
   * always in kB (KiB); a process without an address space (a kernel thread) has no such line.
   */
  static long fromStatus(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
        if (fields.length == 2 && fields[1].equals("kB") && fields[0].matches("[0-9]{1,15}")) {
          return Long.parseLong(fields[0]) * 1024;
        }
        throw new IllegalArgumentException("unexpected VmRSS line: '" + line + "'");
      }
    }
    throw new IllegalArgumentException("no VmRSS line: not a user process, or not Linux");
  }
}
