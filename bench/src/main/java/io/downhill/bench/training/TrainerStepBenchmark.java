package io.downhill.bench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every one-trainer step benchmark shares: a trainer built once per trial from {@link
 * #spec()}, reset before each iteration so every iteration walks the same trajectory, and a step
 * that comes back empty (a divergence) failing the benchmark rather than timing a no-op. Each
 * subclass says which spec (from its own parameters) and its JMH run settings.
 */
@State(Scope.Thread)
public abstract class TrainerStepBenchmark {
  private NDManager manager;
  private Trainer trainer;

  /** The spec to time, read once per trial (after JMH has set the subclass's parameters). */
  protected abstract TrainingSpec spec();

  @Setup(Level.Trial)
  public void open() {
    manager = NDManager.newBaseManager(Device.cpu());
    trainer = new Trainer(spec(), manager);
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
