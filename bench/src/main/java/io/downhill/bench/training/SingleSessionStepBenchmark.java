package io.downhill.bench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
@State(Scope.Thread)
public class SingleSessionStepBenchmark {

  @Param({"ANALYTIC", "AUTOGRAD"})
  public GradientMethod method;

  private NDManager manager;
  private Trainer trainer;

  @Setup(Level.Trial)
  public void open() {
    manager = NDManager.newBaseManager(Device.cpu());
    trainer = new Trainer(NotebookSpecs.notebook(method), manager);
  }

  @Setup(Level.Iteration)
  public void restart() {
    trainer.reset();
  }

  @Benchmark
  public StepRecord step() {
    return trainer
        .step()
        .orElseThrow(
            () -> new IllegalStateException("the run diverged: " + trainer.divergence().get()));
  }

  @TearDown(Level.Trial)
  public void close() {
    trainer.close();
    manager.close();
  }
}
