package io.downhill.numerics.training;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.optim.OptimizerSpec;

/**
 * Everything a {@link Trainer} holds beyond its spec, as plain values: enough to rebuild it and go
 * on bit for bit. A session checkpoints this; recovery restores it into a new trainer.
 *
 * @param step steps completed since the last reset
 * @param params the current parameters
 * @param lastGradient the gradient the last step used (zeros before the first)
 * @param accumulatedGradient the summed gradient while gradients accumulate (zeros otherwise)
 * @param optimizerSlots the optimizer's state arrays: none for SGD, the velocity for momentum,
 *     Adam's first and second moments
 * @param optimizerSteps the updates the optimizer has made (Adam's bias correction needs it)
 * @param learningRate the base learning rate
 * @param accumulateGradients whether gradients are summed across steps
 * @param divergence why the run diverged, or null
 */
public record TrainerState(
    long step,
    double[] params,
    double[] lastGradient,
    double[] accumulatedGradient,
    double[][] optimizerSlots,
    long optimizerSteps,
    double learningRate,
    boolean accumulateGradients,
    Divergence divergence)
    implements DownhillSerializable {

  /** The state at the spec's starting point, before any step. */
  public static TrainerState initial(TrainingSpec spec) {
    int p = spec.model().parameterCount();
    return new TrainerState(
        0,
        spec.init(),
        new double[p],
        new double[p],
        new double[slotCount(spec.optimizer().kind())][p],
        0,
        spec.learningRate(),
        spec.accumulateGradients(),
        null);
  }

  /** How many state arrays an optimizer of this kind keeps. */
  public static int slotCount(OptimizerSpec.Kind kind) {
    return switch (kind) {
      case SGD -> 0;
      case MOMENTUM -> 1;
      case ADAM -> 2;
    };
  }

  /** New parameters, as a person sets them; a divergence is cleared. */
  public TrainerState withParams(double[] newParams) {
    return new TrainerState(
        step,
        newParams.clone(),
        lastGradient,
        accumulatedGradient,
        optimizerSlots,
        optimizerSteps,
        learningRate,
        accumulateGradients,
        null);
  }

  public TrainerState withLearningRate(double rate) {
    return new TrainerState(
        step,
        params,
        lastGradient,
        accumulatedGradient,
        optimizerSlots,
        optimizerSteps,
        rate,
        accumulateGradients,
        divergence);
  }

  /** Turning accumulation off forgets the sum, as {@link Trainer#setAccumulateGradients} does. */
  public TrainerState withAccumulation(boolean on) {
    return new TrainerState(
        step,
        params,
        lastGradient,
        on ? accumulatedGradient : new double[accumulatedGradient.length],
        optimizerSlots,
        optimizerSteps,
        learningRate,
        on,
        divergence);
  }
}
