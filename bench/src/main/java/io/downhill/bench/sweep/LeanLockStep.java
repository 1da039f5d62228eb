package io.downhill.bench.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.BoundModel;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/**
 * A prototype, not production code: the lock-step of {@code BatchTrainer} for the case the sweep
 * benchmarks run (MAE, SGD, constant rates, no accumulation, a linear-in-parameters model) with
 * fewer and cheaper ops, to measure what the suggestions in the sweep report would buy. Per step it
 * does what {@code BatchTrainer.step()} does — the K losses read into Java, a check that they are
 * finite, a copy of the parameters for rollback, the update — but:
 *
 * <ul>
 *   <li>the MAE's 1/n is folded into a [K, 1] rates tensor made once, not divided into the [K, n]
 *       signs and a fresh rates tensor created every step;
 *   <li>the losses are a row sum, divided by n in the Java loop that reads them anyway, rather than
 *       {@code mean} (which libtorch runs as a sum and a division);
 *   <li>residuals, signs and the scaled gradient are computed in place in arrays the step already
 *       made, so no [K, n] temporary is allocated for them;
 *   <li>the rollback copy of the parameters is one native copy ({@code set(":", params)}) rather
 *       than {@code copyTo}, which goes through a Java byte[] and a fresh direct buffer.
 * </ul>
 *
 * That is 9 native ops and one read per step against BatchTrainer's 10 ops, one scalar and one
 * array created from Java, one read and one copy through the Java heap. A divergence throws: the
 * prototype times the common path only.
 */
final class LeanLockStep implements AutoCloseable {
  private static final NDIndex ALL = new NDIndex(":");
  private final int size;
  private final double count;
  private final NDManager manager;
  private final NDArray y;
  private final NDArray features;
  private final NDArray featuresTransposed;
  private final NDArray params;
  private final NDArray lastFinite;
  private final NDArray ratesOverCount;
  private final NDList persistent;
  private final double[][] init;

  LeanLockStep(List<TrainingSpec> variants, NDManager parent) {
    TrainingSpec first = variants.get(0);
    for (TrainingSpec v : variants) {
      if (v.loss() != Loss.MAE
          || v.optimizer().kind() != OptimizerSpec.Kind.SGD
          || v.schedule().kind() != LearningRateSchedule.Kind.CONSTANT
          || v.accumulateGradients()
          || !v.data().equals(first.data())
          || !v.model().equals(first.model())) {
        throw new IllegalArgumentException("the prototype runs MAE, SGD, constant rates only");
      }
    }
    this.size = variants.size();
    this.manager = parent.newSubManager();
    Dataset dataset = first.data().generate();
    this.count = dataset.x().length;
    this.y = manager.create(dataset.y());
    BoundModel bound = first.model().create().bind(manager.create(dataset.x()));
    NDList precomputed = bound.precomputed();
    this.features = precomputed.get(0);
    this.featuresTransposed = precomputed.get(1);
    this.init = new double[size][];
    double[] rates = new double[size];
    for (int k = 0; k < size; k++) {
      init[k] = variants.get(k).init();
      rates[k] = variants.get(k).learningRate() / count;
    }
    this.params = manager.create(init);
    this.lastFinite = params.duplicate();
    this.ratesOverCount = manager.create(rates, new Shape(size, 1));
    this.persistent = new NDList(manager.getManagedArrays());
  }

  void reset() {
    try (NDManager scope = manager.newSubManager()) {
      scope.create(init).copyTo(params);
    }
  }

  /** One lock-step; returns the K losses at the parameters before the update. */
  double[] step() {
    try (NDManager scope = manager.newSubManager()) {
      persistent.tempAttach(scope);
      NDArray residuals = params.matMul(featuresTransposed).subi(y);
      double[] losses = residuals.abs().sum(new int[] {-1}).toDoubleArray();
      for (int k = 0; k < size; k++) {
        losses[k] /= count;
        if (!Double.isFinite(losses[k])) {
          throw new IllegalStateException("variant " + k + " diverged");
        }
      }
      lastFinite.set(ALL, params);
      params.subi(residuals.signi().matMul(features).muli(ratesOverCount));
      return losses;
    }
  }

  double[][] params() {
    double[] flat = params.toDoubleArray();
    int p = flat.length / size;
    double[][] out = new double[size][p];
    for (int k = 0; k < size; k++) {
      System.arraycopy(flat, k * p, out[k], 0, p);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
