package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.tensor.BackedArray;

/**
 * The tensors of a batch of K variants and the ops of a lock-step, in columns: parameters [P, K],
 * the last finite ones, the accumulated gradient, the optimizer's state and the rates [1, K]. Only
 * the K loss sums cross into Java every step; parameters when asked. Owns its manager, which {@link
 * #close} closes; one owner drives it.
 */
final class BatchTensors implements AutoCloseable {
  private static final NDIndex ALL = new NDIndex(":");
  private final int size;
  private final int count;
  private final int parameters;
  private final NDManager manager;
  private final BatchModel model;
  private final BatchLoss loss;
  private final BatchOptimizer optimizer;
  private final NDArray params;
  private final NDArray lastFinite;
  private final NDArray accumulated; // null unless gradients accumulate
  private final BackedArray rates; // rewritten every lock-step: Java writes its memory
  private final NDList persistent;

  BatchTensors(
      int size,
      Dataset data,
      ModelSpec modelSpec,
      Loss lossKind,
      OptimizerSpec optimizerSpec,
      boolean accumulate,
      NDManager parent) {
    this.size = size;
    this.count = data.size();
    this.parameters = modelSpec.parameterCount();
    this.manager = parent.newSubManager();
    this.model = BatchModel.bind(modelSpec, data, manager);
    this.loss = BatchLoss.of(lossKind);
    Shape shape = new Shape(parameters, size);
    this.params = manager.zeros(shape, DataType.FLOAT64);
    this.lastFinite = manager.zeros(shape, DataType.FLOAT64);
    this.accumulated = accumulate ? manager.zeros(shape, DataType.FLOAT64) : null;
    this.rates = BackedArray.zeros(manager, new Shape(1, size));
    this.optimizer =
        BatchOptimizer.create(optimizerSpec, loss.gradientScale(count), manager, shape);
    this.persistent = new NDList(manager.getManagedArrays());
  }

  /** What each variant's rate is multiplied by before {@link #setRates}. */
  double rateScale() {
    return optimizer.rateScale();
  }

  /** The rates of the coming updates, already times {@link #rateScale}; 0 holds a column still. */
  void setRates(double[] scaled) {
    rates.write(scaled);
  }

  /** Puts every column back at {@code init} [K][P] and forgets the gradient and optimizer state. */
  void reset(double[][] init) {
    double[] flat = new double[parameters * size];
    for (int k = 0; k < size; k++) {
      for (int p = 0; p < parameters; p++) {
        flat[p * size + k] = init[k][p];
      }
    }
    params.set(flat);
    lastFinite.set(ALL, params);
    if (accumulated != null) {
      accumulated.set(ALL, 0);
    }
    optimizer.reset();
  }

  /** The current parameters, [K][P]. */
  double[][] params() {
    double[] flat = params.toDoubleArray();
    double[][] out = new double[size][parameters];
    for (int k = 0; k < size; k++) {
      for (int p = 0; p < parameters; p++) {
        out[k][p] = flat[p * size + k];
      }
    }
    return out;
  }

  /** Opens a lock-step: its temporaries live until it is closed. */
  LockStep begin() {
    return new LockStep();
  }

  /** One lock-step: {@link #losses}, then maybe {@link #restore}, then {@link #descend}. */
  final class LockStep implements AutoCloseable {
    private final NDManager scope = manager.newSubManager();
    private BatchModel.Pass pass;

    private LockStep() {
      // Results of ops on the batch's arrays attach to their manager: lend them to the scope.
      persistent.tempAttach(scope);
    }

    /** Each variant's loss at its current parameters, [K]. */
    double[] losses() {
      pass = model.forward(params);
      double[] sums = loss.sums(pass.residuals()).toDoubleArray();
      for (int k = 0; k < size; k++) {
        sums[k] /= count;
      }
      return sums;
    }

    /**
     * Puts the columns where {@code diverged} is true back at their last finite parameters with no
     * optimizer state, and evaluates again, so that no NaN reaches what the columns share.
     */
    void restore(boolean[] diverged) {
      boolean[] mask = new boolean[parameters * size]; // where() does not broadcast its condition
      for (int p = 0; p < parameters; p++) {
        System.arraycopy(diverged, 0, mask, p * size, size);
      }
      NDArray columns = scope.create(mask, new Shape(parameters, size));
      params.set(ALL, NDArrays.where(columns, lastFinite, params));
      if (accumulated != null) {
        BatchOptimizer.zeroColumns(accumulated, columns);
      }
      optimizer.forget(columns);
      pass = model.forward(params);
    }

    /** Keeps the parameters for a later {@link #restore}, then makes the update at the rates. */
    void descend() {
      // set(ALL, …) copies natively; copyTo round-trips through a Java buffer.
      lastFinite.set(ALL, params);
      NDArray gradient = pass.gradient(loss.weights(pass.residuals()));
      if (accumulated != null) {
        accumulated.addi(gradient);
        gradient.set(ALL, accumulated); // the optimizer may overwrite its gradient
      }
      optimizer.update(params, gradient, rates.array());
    }

    @Override
    public void close() {
      scope.close();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
