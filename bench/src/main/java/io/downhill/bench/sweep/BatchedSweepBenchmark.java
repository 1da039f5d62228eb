package io.downhill.bench.sweep;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session-steps per second of a learning-rate sweep run as one {@link BatchTrainer}: K variants of
 * the notebook preset (see {@link SweepVariants}) stepped in lock-step on one thread, without
 * actors. Compare with {@link SeparateSessionsBenchmark} (the same K variants as K session actors)
 * and with {@code bench/python/batched_sweep.py} (the same batched update in PyTorch).
 *
 * <p>Unit: one invocation makes {@value SweepVariants#SESSION_STEPS_PER_INVOCATION} / K lock-steps,
 * i.e. {@value SweepVariants#SESSION_STEPS_PER_INVOCATION} session-steps, so JMH's ops/s is
 * session-steps per second; 1e9 divided by it is nanoseconds per session-step, and K times that is
 * the time of one lock-step. The secondary counters {@code cpuNanos} and {@code sessionSteps} give
 * the stepping thread's CPU nanoseconds per session-step ({@link CpuCounters}).
 *
 * <p>No target loss is set and no variant diverges at these rates; the batch is reset before each
 * iteration so every iteration walks the same trajectories, and a variant found stopped after an
 * iteration fails the run rather than letting it time a batch that no longer steps.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepVariants.SESSION_STEPS_PER_INVOCATION)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class BatchedSweepBenchmark extends LockStepBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int k;

  @Override
  protected List<TrainingSpec> variants() {
    return SweepVariants.logUniformRates(k);
  }
}
