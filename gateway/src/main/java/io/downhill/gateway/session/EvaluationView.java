package io.downhill.gateway.session;

import io.downhill.session.Session;

/**
 * The answer to an evaluation: the loss, its gradient at those parameters (what {@code
 * loss.backward()} puts in a zeroed gradient) and the model's curve to draw.
 */
public record EvaluationView(double loss, double[] params, double[] grad, Curve curve) {

  public static EvaluationView of(Session.Evaluation e, double[] params) {
    return new EvaluationView(e.loss(), params, e.grad(), new Curve(e.curveX(), e.curveY()));
  }

  /** A curve as parallel arrays. */
  public record Curve(double[] x, double[] y) {}
}
