package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.BoundModel;
import io.downhill.numerics.model.Model;
import io.downhill.numerics.optim.Optimizer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * K variants of one shape — same data, model, loss and optimizer; each with its own learning rate,
 * schedule and start — trained in lock-step as one set of tensor ops over a [K, P] parameter
 * tensor. A variant that diverges keeps its last finite parameters and stops; one whose loss falls
 * below the target stops there; the others go on. Owns its DJL manager; one owner drives it.
 */
public final class BatchTrainer implements AutoCloseable {
  private static final NDIndex ALL = new NDIndex(":");
  private final List<TrainingSpec> variants;
  private final int size;
  private final double target;
  private final NDManager manager;
  private final Model model;
  private final Loss loss;
  private final NDArray y;
  private final BoundModel bound;
  private final NDArray params;
  private final NDArray lastFinite;
  private final NDArray accumulated;
  private final Optimizer optimizer;
  private final boolean accumulate;
  private final NDList persistent;
  private final Dataset dataset;

  private final VariantOutcome[] outcomes;
  private final double[] bestLoss;
  private final double[] lastLoss;
  private final long[] stepsTaken;
  private final long[] reachedAt;
  private long completed;

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
    this.manager = parent.newSubManager();
    this.dataset = first.data().generate();
    this.model = first.model().create();
    this.loss = first.loss();
    this.accumulate = first.accumulateGradients();
    NDArray x = manager.create(dataset.x());
    this.y = manager.create(dataset.y());
    this.bound = model.bind(x);
    double[][] init = new double[size][];
    for (int k = 0; k < size; k++) {
      init[k] = variants.get(k).init();
    }
    this.params = manager.create(init);
    this.lastFinite = params.duplicate();
    Shape shape = params.getShape();
    this.accumulated = manager.zeros(shape, DataType.FLOAT64);
    this.optimizer = Optimizer.create(first.optimizer(), manager, shape);
    this.persistent = new NDList(manager.getManagedArrays());
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
    try (NDManager scope = manager.newSubManager()) {
      NDArray start = scope.create(init);
      start.copyTo(params);
      start.copyTo(lastFinite);
    }
    accumulated.muli(0);
    optimizer.reset();
    completed = 0;
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
    try (NDManager scope = manager.newSubManager()) {
      persistent.tempAttach(scope);
      NDArray residuals = bound.predict(params).subi(y);
      double[] losses = loss.value(residuals).toDoubleArray();
      List<Integer> diverged = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        if (outcomes[k] != VariantOutcome.ACTIVE) {
          losses[k] = Double.NaN;
          continue;
        }
        if (!Double.isFinite(losses[k])) {
          diverged.add(k);
          outcomes[k] = VariantOutcome.DIVERGED;
          losses[k] = lastLoss[k];
          continue;
        }
        lastLoss[k] = losses[k];
        if (!(bestLoss[k] <= losses[k])) {
          bestLoss[k] = losses[k];
        }
        if (losses[k] < target) {
          outcomes[k] = VariantOutcome.REACHED_TARGET;
          reachedAt[k] = number;
          continue;
        }
        TrainingSpec spec = variants.get(k);
        rates[k] = spec.schedule().rateAt(spec.learningRate(), completed);
        stepped[k] = true;
        stepsTaken[k]++;
      }
      if (!diverged.isEmpty()) {
        // Their rows are non-finite: put back the last finite parameters, and recompute the
        // residuals so that no NaN reaches the shared gradient and optimizer state.
        for (int k : diverged) {
          params.set(new NDIndex(k), lastFinite.get(k));
        }
        residuals = bound.predict(params).subi(y);
      }
      // set(ALL, …) copies natively; copyTo round-trips through a Java buffer.
      lastFinite.set(ALL, params);
      NDArray gradient = bound.gradient(params, loss.predictionGradient(residuals));
      if (accumulate) {
        accumulated.addi(gradient);
        gradient = accumulated;
      }
      optimizer.update(params, gradient, scope.create(rates, new Shape(size, 1)));
      completed = number;
      return new BatchStep(number, losses, rates, stepped);
    }
  }

  /** The current parameters of every variant, [K][P]. */
  public double[][] params() {
    double[] flat = params.toDoubleArray();
    int p = model.parameterCount();
    double[][] out = new double[size][p];
    for (int k = 0; k < size; k++) {
      System.arraycopy(flat, k * p, out[k], 0, p);
    }
    return out;
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
    manager.close();
  }
}
