package io.downhill.bench.sweep;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.Locale;
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
 * {@link BatchedSweepBenchmark} for every model, loss and optimizer {@link BatchTrainer} runs: the
 * notebook's quadratic or the two-ReLU preset, MAE or MSE, SGD, momentum or Adam, at K = 10,000 by
 * default. Same unit (ops/s = session-steps per second) and counters; shorter, since it runs twelve
 * shapes. A class of its own so that the sweep report, which keys its rows by K alone, reads only
 * the notebook rows of {@code BatchedSweepBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepVariants.SESSION_STEPS_PER_INVOCATION)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class BatchedShapesBenchmark extends LockStepBenchmark {

  @Param({"quadratic", "relu"})
  public String model;

  @Param({"mae", "mse"})
  public String loss;

  @Param({"sgd", "momentum", "adam"})
  public String optimizer;

  @Param({"10000"})
  public int k;

  @Override
  protected List<TrainingSpec> variants() {
    TrainingSpec preset = model.equals("relu") ? Presets.relu() : Presets.notebook();
    TrainingSpec base =
        new TrainingSpec(
            preset.data(),
            preset.model(),
            Loss.valueOf(loss.toUpperCase(Locale.ROOT)),
            preset
                .optimizer()
                .withKind(OptimizerSpec.Kind.valueOf(optimizer.toUpperCase(Locale.ROOT))),
            preset.learningRate(),
            preset.schedule(),
            false,
            preset.init(),
            preset.gradients());
    return SweepVariants.logUniformRates(k, base);
  }
}
