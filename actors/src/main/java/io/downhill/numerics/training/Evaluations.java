package io.downhill.numerics.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.BoundModel;
import io.downhill.numerics.model.Model;

/**
 * A {@link Trainer}'s reads at parameters the run does not take — the loss, the held-out loss and
 * the model's curve at a candidate (the lesson's sliders, a point in history) — apart from the
 * step, which is the trainer's one job. Each runs in a sub-manager closed at its end, with the
 * trainer's arrays borrowed into it, so a read leaves no array behind and changes nothing.
 */
final class Evaluations {
  private final TrainingSpec spec;
  private final Model model;
  private final BoundModel bound;
  private final NDArray targets;
  private final Loss loss;
  private final LossGradient heldOut;
  private final NDManager manager;
  private final NDList persistent;

  /**
   * @param heldOut the held-out points' loss, or null without held-out points
   * @param persistent the trainer's arrays, which each read borrows into its sub-manager
   */
  Evaluations(
      TrainingSpec spec,
      Model model,
      BoundModel bound,
      NDArray targets,
      LossGradient heldOut,
      NDManager manager,
      NDList persistent) {
    this.spec = spec;
    this.model = model;
    this.bound = bound;
    this.targets = targets;
    this.loss = spec.loss();
    this.heldOut = heldOut;
    this.manager = manager;
    this.persistent = persistent;
  }

  double loss(double[] candidate) {
    try (NDManager scope = manager.newSubManager()) {
      persistent.tempAttach(scope);
      NDArray p = scope.create(candidate);
      return loss.value(bound.predict(p).sub(targets)).getDouble();
    }
  }

  /**
   * NaN without held-out points; {@code shape} is the fit's parameter shape, as a step holds it.
   */
  double heldOutLoss(double[] candidate, Shape shape) {
    if (heldOut == null) {
      return Double.NaN;
    }
    try (NDManager scope = manager.newSubManager()) {
      persistent.tempAttach(scope);
      return heldOut.value(scope.create(candidate, shape));
    }
  }

  /** [xs, ys] on {@link Trainer#CURVE_POINTS} points spanning the data with a margin. */
  double[][] curve(double[] candidate) {
    double margin = (spec.data().xMax() - spec.data().xMin()) * 0.025;
    double from = spec.data().xMin() - margin;
    double to = spec.data().xMax() + margin;
    double[] grid = new double[Trainer.CURVE_POINTS];
    for (int i = 0; i < Trainer.CURVE_POINTS; i++) {
      grid[i] = from + (to - from) * i / (Trainer.CURVE_POINTS - 1);
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray gridArray = scope.create(grid);
      BoundModel onGrid = model.bind(gridArray);
      return new double[][] {grid, onGrid.predict(scope.create(candidate)).toDoubleArray()};
    }
  }
}
