package io.downhill.bench.training;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's limit for sessions stepped one at a time on this machine: one thread per core, each
 * stepping a notebook trainer of its own (its own tensors, as each session actor has) as fast as it
 * can, with no actor, message, reply or journal in between. Its throughput is the most
 * session-steps per second these cores make through DJL one session at a time: the ceiling over the
 * 200 session actors of {@code ConcurrentSessionsBenchmark}, {@code SessionsInTurnBenchmark} and
 * {@code RunningSessionsBenchmark}, which pay for the actors on top. Beside {@link
 * SingleSessionStepBenchmark} it also shows what the cores give when both work at once (shared
 * caches, the allocator), which is rarely twice one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Threads.MAX)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class EngineCeilingBenchmark extends TrainerStepBenchmark {

  @Override
  protected TrainingSpec spec() {
    return NotebookSpecs.notebook(GradientMethod.ANALYTIC);
  }
}
