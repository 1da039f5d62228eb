package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.model.ModelSpec;

/**
 * A model bound to fixed data for a batch laid out in columns: parameters [P, K], one variant per
 * column, so that the predictions of every variant are one product [n, P]·[P, K]. Columns, because
 * libtorch's products and reductions over [K, n] rows of 20 points take about twice as long as over
 * [n, K]. The arrays a binding makes live in the manager it was given, as long as the batch.
 */
interface BatchModel {

  /** One forward pass at {@code params} [P, K], in the caller's scope. */
  Pass forward(NDArray params);

  /** The residuals of one forward pass, and what the gradient needs from it. */
  interface Pass {

    /** Predictions − targets, [n, K]. */
    NDArray residuals();

    /**
     * Σⱼ weightsⱼ·∂predictionⱼ/∂params for per-point weights [n, K] (the loss's derivative up to
     * the constant that {@link BatchLoss#gradientScale} folds into the rates): [P, K]. May
     * overwrite what the pass holds, so it is called once per pass.
     */
    NDArray gradient(NDArray weights);
  }

  /** Binds the model {@code spec} names to {@code data}. */
  static BatchModel bind(ModelSpec spec, Dataset data, NDManager manager) {
    return switch (spec.kind()) {
      case QUADRATIC, POLYNOMIAL -> PolynomialBatch.bind(spec.parameterCount() - 1, data, manager);
      case RELU_SUM -> ReluSumBatch.bind(spec.size(), data, manager);
      case MLP -> throw new IllegalArgumentException("a sweep cannot batch a network");
    };
  }
}
