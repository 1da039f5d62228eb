package io.downhill.bench.training;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one {@link Trainer#step()} on the lesson's notebook preset, on one thread and without
 * actors: what one session pays per step, by gradient method. Compare it with {@link
 * TrivialOpBenchmark} (the price of one DJL op) and with {@code bench/python/notebook_loop.py} (the
 * lesson's own PyTorch loop).
 *
 * <p>The preset keeps the lesson's gradient accumulation. Its parameters then oscillate without
 * damping but stay bounded (|p| below 18 over 200,000 steps, never diverging), so the run is reset
 * before each iteration only to make every iteration walk the same trajectory; a step that comes
 * back empty (divergence) fails the benchmark rather than timing a no-op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class SingleSessionStepBenchmark extends TrainerStepBenchmark {

  @Param({"ANALYTIC", "AUTOGRAD"})
  public GradientMethod method;

  @Override
  protected TrainingSpec spec() {
    return NotebookSpecs.notebook(method);
  }
}
