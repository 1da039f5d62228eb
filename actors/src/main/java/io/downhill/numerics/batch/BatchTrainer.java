package io.downhill.numerics.batch;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.model.Model;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/**
 * K variants of one shape — same data, model, loss and optimizer; each with its own learning rate,
 * schedule and start — trained in lock-step as one set of tensor ops over their parameters (see
 * {@link BatchTensors}). A variant that diverges keeps its last finite parameters and stops; one
 * whose loss falls below the target stops there; the others go on. Owns its DJL manager; one owner
 * drives it.
 */
public final class BatchTrainer implements AutoCloseable {
  private final List<TrainingSpec> variants;
  private final int size;
  private final double target;
  private final Dataset dataset;
  private final Model model;
  private final BatchTensors tensors;
  private final double[] baseRates;
  private final LearningRateSchedule[] schedules;
  private final boolean constantRates;
  private final double rateScale;

  private final VariantOutcome[] outcomes;
  private final double[] bestLoss;
  private final double[] lastLoss;
  private final long[] stepsTaken;
  private final long[] reachedAt;
  private long completed;
  private boolean ratesUploaded;

  /**
   * Builds the batch. Every variant must share the data, model, loss, optimizer and accumulation of
   * the first; {@code targetLoss} stops a variant once its loss falls below it (NaN for none).
   */
  public BatchTrainer(List<TrainingSpec> variants, double targetLoss, NDManager parent) {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one variant");
    }
    TrainingSpec first = variants.get(0);
    for (TrainingSpec v : variants) {
      if (!ShapeKey.of(v).equals(ShapeKey.of(first))) {
        throw new IllegalArgumentException("variants of one batch must share their shape");
      }
    }
    this.variants = List.copyOf(variants);
    this.size = variants.size();
    this.target = targetLoss;
    this.dataset = first.data().generate();
    this.model = first.model().create();
    this.tensors =
        new BatchTensors(
            size,
            dataset,
            first.model(),
            first.loss(),
            first.optimizer(),
            first.accumulateGradients(),
            parent);
    this.rateScale = tensors.rateScale();
    this.baseRates = new double[size];
    this.schedules = new LearningRateSchedule[size];
    boolean constant = true;
    for (int k = 0; k < size; k++) {
      baseRates[k] = variants.get(k).learningRate();
      schedules[k] = variants.get(k).schedule();
      constant &= schedules[k].kind() == LearningRateSchedule.Kind.CONSTANT;
    }
    this.constantRates = constant;
    this.outcomes = new VariantOutcome[size];
    this.bestLoss = new double[size];
    this.lastLoss = new double[size];
    this.stepsTaken = new long[size];
    this.reachedAt = new long[size];
    reset();
  }

  /** Back to the start: parameters, optimizer state, outcomes. */
  public void reset() {
    double[][] init = new double[size][];
    for (int k = 0; k < size; k++) {
      init[k] = variants.get(k).init();
      outcomes[k] = VariantOutcome.ACTIVE;
      bestLoss[k] = Double.NaN;
      lastLoss[k] = Double.NaN;
      stepsTaken[k] = 0;
      reachedAt[k] = -1;
    }
    tensors.reset(init);
    completed = 0;
    ratesUploaded = false;
  }

  /** Whether any variant still steps. */
  public boolean anyActive() {
    for (VariantOutcome outcome : outcomes) {
      if (outcome == VariantOutcome.ACTIVE) {
        return true;
      }
    }
    return false;
  }

  /** One lock-step of every active variant. */
  public BatchStep step() {
    long number = completed + 1;
    double[] rates = new double[size];
    boolean[] stepped = new boolean[size];
    try (BatchTensors.LockStep lockStep = tensors.begin()) {
      double[] losses = lockStep.losses();
      boolean[] diverged = null;
      // Constant rates reach the tensors once, and again only when a variant stops.
      boolean ratesChanged = !constantRates || !ratesUploaded;
      for (int k = 0; k < size; k++) {
        if (outcomes[k] != VariantOutcome.ACTIVE) {
          losses[k] = Double.NaN;
          continue;
        }
        double value = losses[k];
        if (!Double.isFinite(value)) {
          if (diverged == null) {
            diverged = new boolean[size];
          }
          diverged[k] = true;
          outcomes[k] = VariantOutcome.DIVERGED;
          losses[k] = lastLoss[k];
          ratesChanged = true;
          continue;
        }
        lastLoss[k] = value;
        if (!(bestLoss[k] <= value)) {
          bestLoss[k] = value;
        }
        if (value < target) {
          outcomes[k] = VariantOutcome.REACHED_TARGET;
          reachedAt[k] = number;
          ratesChanged = true;
          continue;
        }
        rates[k] = constantRates ? baseRates[k] : schedules[k].rateAt(baseRates[k], completed);
        stepped[k] = true;
        stepsTaken[k]++;
      }
      if (diverged != null) {
        lockStep.restore(diverged);
      }
      if (ratesChanged) {
        double[] scaled = new double[size];
        for (int k = 0; k < size; k++) {
          scaled[k] = rates[k] * rateScale;
        }
        tensors.setRates(scaled);
        ratesUploaded = true;
      }
      lockStep.descend();
      completed = number;
      return new BatchStep(number, losses, rates, stepped);
    }
  }

  /** The current parameters of every variant, [K][P]; read from the tensors only when asked. */
  public double[][] params() {
    return tensors.params();
  }

  public int size() {
    return size;
  }

  public long completedSteps() {
    return completed;
  }

  public VariantOutcome outcome(int k) {
    return outcomes[k];
  }

  /** The lowest loss variant {@code k} reached (NaN before its first step). */
  public double bestLoss(int k) {
    return bestLoss[k];
  }

  /** Its latest finite loss (NaN before its first step). */
  public double lastLoss(int k) {
    return lastLoss[k];
  }

  /** The step at which its loss first fell below the target, or -1. */
  public long reachedAt(int k) {
    return reachedAt[k];
  }

  public long stepsTaken(int k) {
    return stepsTaken[k];
  }

  public TrainingSpec variant(int k) {
    return variants.get(k);
  }

  public Dataset dataset() {
    return dataset;
  }

  public Model model() {
    return model;
  }

  @Override
  public void close() {
    tensors.close();
  }
}
