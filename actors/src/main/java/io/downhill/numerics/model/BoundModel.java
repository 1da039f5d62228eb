package io.downhill.numerics.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A model bound to fixed inputs. Every method accepts one parameter vector of shape [P] or a batch
 * of them of shape [K, P], and answers with a leading batch axis in the second case.
 */
public interface BoundModel {

  /** Predictions at the bound inputs: [n] for params [P], [K, n] for params [K, P]. */
  NDArray predict(NDArray params);

  /**
   * The closed-form gradient of the loss with respect to the parameters, given the gradient of the
   * loss with respect to each prediction (same shape as {@link #predict}). Equal to what autograd
   * computes through {@link #predict}, without a gradient collector.
   */
  NDArray gradient(NDArray params, NDArray predictionGradient);

  /** The arrays this binding precomputed, so a caller can scope them with its own. */
  NDList precomputed();

  /**
   * Ties this binding to {@code targets} [n] and a loss's {@link
   * io.downhill.numerics.loss.Loss#gradientScale}, for a trainer that steps one parameter vector.
   * Arrays the fit precomputes attach to the targets' manager. This general fit costs what {@link
   * #predict} and {@link #gradient} cost; models with a cheaper closed form override it.
   */
  default Fit fit(NDArray targets, double gradientScale) {
    return new GeneralFit(this, targets, gradientScale);
  }
}
