package io.downhill.bench.training;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Presets;
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
 * One closed-form {@link Trainer#step()} for every model, loss and optimizer: the lesson's
 * quadratic and its two-ReLU sum (the {@code notebook} and {@code relu} presets' data and start),
 * MAE and MSE, SGD, momentum and Adam, on a rate that decays every step (so the rate is set anew
 * each step, the costlier case). {@link SingleSessionStepBenchmark} times the notebook preset
 * itself.
 *
 * <p>No gradient accumulation and a small rate keep every trajectory bounded; the run is reset
 * before each iteration, and a step that comes back empty fails the benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
// Seven, so the median the targets report reads survives a few seconds of another tenant's burst:
// with three, one burst moved a whole row by a third.
@Measurement(iterations = 7, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class StepVariantsBenchmark extends TrainerStepBenchmark {

  @Param({"QUADRATIC", "RELU_SUM"})
  public ModelSpec.Kind model;

  @Param({"MAE", "MSE"})
  public Loss loss;

  @Param({"SGD", "MOMENTUM", "ADAM"})
  public OptimizerSpec.Kind optimizer;

  @Override
  protected TrainingSpec spec() {
    TrainingSpec base = model == ModelSpec.Kind.RELU_SUM ? Presets.relu() : Presets.notebook();
    return new TrainingSpec(
        base.data(),
        base.model(),
        loss,
        base.optimizer().withKind(optimizer),
        0.001,
        new LearningRateSchedule(LearningRateSchedule.Kind.EXPONENTIAL, 100, 0.9999, 1000, 0),
        false,
        base.init(),
        GradientMethod.ANALYTIC);
  }
}
