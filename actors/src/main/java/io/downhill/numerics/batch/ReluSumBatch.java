package io.downhill.numerics.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.Dataset;

/**
 * {@link io.downhill.numerics.model.ReluSum} in the batch's column layout. A unit's pre-activations
 * mᵢ·x + bᵢ for every variant are one product of [x, 1] with its two parameter rows; its gradient
 * is one product of their transpose with the weights where the unit is active (mᵢ·x + bᵢ > 0, as
 * torch's clip passes gradient).
 */
final class ReluSumBatch implements BatchModel {
  private final int units;
  private final NDArray inputs; // [n, 2]: x, 1
  private final NDArray inputsTransposed; // [2, n]
  private final NDArray targets; // [n, 1]

  private ReluSumBatch(int units, NDArray inputs, NDArray inputsTransposed, NDArray targets) {
    this.units = units;
    this.inputs = inputs;
    this.inputsTransposed = inputsTransposed;
    this.targets = targets;
  }

  static ReluSumBatch bind(int units, Dataset data, NDManager manager) {
    NDArray x = manager.create(data.x());
    NDArray inputs = NDArrays.stack(new NDList(x, x.onesLike()), 1);
    NDArray inputsTransposed = inputs.transpose().duplicate();
    x.close();
    NDArray targets = manager.create(data.y(), new Shape(data.y().length, 1));
    return new ReluSumBatch(units, inputs, inputsTransposed, targets);
  }

  @Override
  public Pass forward(NDArray params) {
    NDArray[] outputs = new NDArray[units]; // [n, K] each, max(mᵢ·x + bᵢ, 0)
    for (int i = 0; i < units; i++) {
      NDArray pair = params.get(new NDIndex("{}:{}", 2 * i, 2 * i + 2));
      outputs[i] = inputs.matMul(pair).getNDArrayInternal().relu();
    }
    // Summed in the units' order, then the targets subtracted, as ReluSum's sum and the residual.
    NDArray residuals = units == 1 ? outputs[0].sub(targets) : outputs[0].add(outputs[1]);
    for (int i = 2; i < units; i++) {
      residuals.addi(outputs[i]);
    }
    if (units > 1) {
      residuals.subi(targets);
    }
    return new Pass() {
      @Override
      public NDArray residuals() {
        return residuals;
      }

      @Override
      public NDArray gradient(NDArray weights) {
        NDList rows = new NDList(units);
        for (NDArray output : outputs) {
          // sign of max(z, 0) is 1 where the unit is active and 0 elsewhere.
          rows.add(inputsTransposed.matMul(output.signi().muli(weights)));
        }
        return NDArrays.concat(rows, 0); // m1, b1, m2, b2, …
      }
    };
  }
}
