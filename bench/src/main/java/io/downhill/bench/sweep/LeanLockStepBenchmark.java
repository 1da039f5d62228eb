package io.downhill.bench.sweep;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link BatchedSweepBenchmark} with the prototype {@link LeanLockStep} in place of {@code
 * BatchTrainer}: same variants, same unit (ops/s = session-steps per second), same settings, so the
 * two read side by side. It exists to price the suggested changes to {@code BatchTrainer}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepVariants.SESSION_STEPS_PER_INVOCATION)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Thread)
public class LeanLockStepBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int k;

  private int lockSteps;
  private NDManager manager;
  private LeanLockStep batch;

  @Setup(Level.Trial)
  public void open() {
    lockSteps = SweepVariants.stepsPerSession(k);
    manager = NDManager.newBaseManager(Device.cpu());
    batch = new LeanLockStep(SweepVariants.logUniformRates(k), manager);
  }

  @Setup(Level.Iteration)
  public void restart() {
    batch.reset();
  }

  @Benchmark
  public void lockSteps(Blackhole sink, CpuCounters cpu) {
    long started = CpuCounters.threadCpuNanos();
    for (int i = 0; i < lockSteps; i++) {
      sink.consume(batch.step());
    }
    cpu.record(CpuCounters.threadCpuNanos() - started, SweepVariants.SESSION_STEPS_PER_INVOCATION);
  }

  @TearDown(Level.Trial)
  public void close() {
    batch.close();
    manager.close();
  }
}
