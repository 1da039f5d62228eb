package io.downhill.bench.sweep;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the batched-sweep benchmarks share: {@link #variants()} in one {@link BatchTrainer}, enough
 * lock-steps per invocation for {@link SweepVariants#SESSION_STEPS_PER_INVOCATION} session-steps,
 * the thread's CPU time recorded beside the wall time, a reset before each iteration, and a variant
 * found stopped after an iteration failing the run. Subclasses choose the variants.
 */
@State(Scope.Thread)
public abstract class LockStepBenchmark {
  private int lockSteps;
  private int variantCount;
  private NDManager manager;
  private BatchTrainer batch;

  /** The sweep's variants, read once per trial (after JMH has set the subclass's parameters). */
  protected abstract List<TrainingSpec> variants();

  @Setup(Level.Trial)
  public void open() {
    List<TrainingSpec> variants = variants();
    variantCount = variants.size();
    lockSteps = SweepVariants.stepsPerSession(variantCount);
    manager = NDManager.newBaseManager(Device.cpu());
    batch = new BatchTrainer(variants, Double.NaN, manager);
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

  @TearDown(Level.Iteration)
  public void checkEveryVariantStepped() {
    SweepVariants.checkEveryVariantStepped(batch, variantCount);
  }

  @TearDown(Level.Trial)
  public void close() {
    batch.close();
    manager.close();
  }
}
