package io.downhill.bench.sweep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH auxiliary counters of the sweep benchmarks: the CPU time spent while the benchmark method
 * ran, and the session-steps it made. {@code cpuNanos / sessionSteps} is CPU nanoseconds per
 * session-step, which other work on the machine disturbs far less than a wall-clock figure ({@code
 * bench/python/batched_sweep.py} reports the same for PyTorch). A one-thread benchmark counts its
 * own thread's time ({@link #threadCpuNanos}, nanosecond resolution; with libtorch on one thread
 * every op runs on it); the actors count the whole fork's ({@link #processCpuNanos}: dispatcher
 * threads, GC, JIT; a 10 ms clock, so only for invocations much longer than that). Reset every
 * iteration; JMH sums them over the iterations.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuCounters {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public long cpuNanos;
  public long sessionSteps;

  @Setup(Level.Iteration)
  public void clear() {
    cpuNanos = 0;
    sessionSteps = 0;
  }

  static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  void record(long spentCpuNanos, int steps) {
    cpuNanos += spentCpuNanos;
    sessionSteps += steps;
  }
}
