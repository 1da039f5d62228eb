package io.downhill.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which C allocator this process uses, for the server's start-up line. libtorch allocates (64-byte
 * aligned) storage for every array an op makes, and DJL a buffer for every read, so a step is a
 * handful of allocations and frees, some on other threads (a direct buffer is freed by the JVM's
 * cleaner thread). The C library's allocator takes locks and consolidates its bins on those paths;
 * jemalloc, preloaded with {@code LD_PRELOAD}, does not: two trainers on two cores step about a
 * tenth faster with it (docs/scaling.md has the figures and the command).
 */
public final class NativeAllocator {
  private static final Path MAPS = Path.of("/proc/self/maps");

  private NativeAllocator() {}

  /** {@code jemalloc}, {@code tcmalloc}, {@code libc}, or {@code unknown} without /proc. */
  public static String current() {
    if (!Files.isReadable(MAPS)) {
      return "unknown";
    }
    try {
      return fromMappings(Files.readAllLines(MAPS));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The allocator named by a process's memory mappings (the lines of /proc/PID/maps). */
  static String fromMappings(List<String> lines) {
    for (String line : lines) {
      int slash = line.lastIndexOf('/');
      String file = slash < 0 ? "" : line.substring(slash + 1);
      if (file.startsWith("libjemalloc")) {
        return "jemalloc";
      }
      if (file.startsWith("libtcmalloc")) {
        return "tcmalloc";
      }
    }
    return "libc";
  }
}
