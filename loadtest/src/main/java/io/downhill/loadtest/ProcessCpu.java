package io.downhill.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a Linux process and of each of its threads, from {@code /proc/PID/stat} and {@code
 * /proc/PID/task/TID/stat} (user + system time, in clock ticks of 1/100 s, Linux's {@code CLK_TCK}
 * on every common platform). A reading is a snapshot; two of them give CPU use over an interval. On
 * a system without {@code /proc} every reading is empty.
 */
public final class ProcessCpu {
  public static final double TICKS_PER_SECOND = 100.0;

  /** One thread's name (as the kernel keeps it, at most 15 characters) and CPU ticks. */
  record ThreadTicks(long tid, String name, long ticks) {}

  /** One snapshot: the process's ticks and its threads' ticks by thread id. */
  record Reading(long ticks, Map<Long, ThreadTicks> threads) {
    static final Reading EMPTY = new Reading(-1, Map.of());

    boolean isEmpty() {
      return ticks < 0;
    }

    /** CPU seconds between {@code earlier} and this reading. */
    double secondsSince(Reading earlier) {
      return isEmpty() || earlier.isEmpty()
          ? Double.NaN
          : (ticks - earlier.ticks) / TICKS_PER_SECOND;
    }

    /** The {@code limit} threads that used the most CPU since {@code earlier}, busiest first. */
    /**
     * The ticks since {@code earlier} summed by thread pool (a thread's name without its trailing
     * number: every event loop together, every session-dispatcher thread together), the largest
     * {@code limit} first. Threads that ended meanwhile are not counted.
     */
    List<ThreadTicks> poolsSince(Reading earlier, int limit) {
      Map<String, Long> pools = new HashMap<>();
      for (ThreadTicks thread : busiestSince(earlier, Integer.MAX_VALUE)) {
        pools.merge(thread.name().replaceAll("[-#]?\\d+$", ""), thread.ticks(), Long::sum);
      }
      List<ThreadTicks> used = new ArrayList<>();
      pools.forEach((name, ticks) -> used.add(new ThreadTicks(-1, name, ticks)));
      used.sort((a, b) -> Long.compare(b.ticks(), a.ticks()));
      return used.subList(0, Math.min(limit, used.size()));
    }

    List<ThreadTicks> busiestSince(Reading earlier, int limit) {
      List<ThreadTicks> used = new ArrayList<>();
      for (ThreadTicks now : threads.values()) {
        ThreadTicks before = earlier.threads.get(now.tid());
        long delta = now.ticks() - (before == null ? 0 : before.ticks());
        if (delta > 0) {
          used.add(new ThreadTicks(now.tid(), now.name(), delta));
        }
      }
      used.sort((a, b) -> Long.compare(b.ticks(), a.ticks()));
      return used.subList(0, Math.min(limit, used.size()));
    }
  }

  private ProcessCpu() {}

  /**
   * CPU ticks all cores spent busy (not idle, not waiting for I/O) since boot, from the first line
   * of {@code /proc/stat}; -1 when it cannot be read. What is busy beyond the server and this
   * generator is other work on the machine, which skews the figures.
   */
  public static long machineBusyTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(cpu[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Reads process {@code pid} and its threads; {@link Reading#EMPTY} when it cannot. */
  static Reading read(long pid) {
    Path process = Path.of("/proc", Long.toString(pid));
    ThreadTicks total = stat(process.resolve("stat"));
    if (total == null) {
      return Reading.EMPTY;
    }
    Map<Long, ThreadTicks> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
      tasks.forEach(
          task -> {
            ThreadTicks thread = stat(task.resolve("stat"));
            if (thread != null) {
              threads.put(thread.tid(), thread);
            }
          });
    } catch (IOException | RuntimeException e) {
      // threads come and go; the process total still stands
    }
    return new Reading(total.ticks(), threads);
  }

  /** Parses one stat line: {@code pid (comm) state … utime(14) stime(15) …}. */
  private static ThreadTicks stat(Path file) {
    try {
      String line = Files.readString(file);
      int open = line.indexOf('(');
      int close = line.lastIndexOf(')');
      String[] rest = line.substring(close + 2).split(" ");
      // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime rest[12].
      long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
      return new ThreadTicks(
          Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close), ticks);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
