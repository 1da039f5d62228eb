package io.downhill.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.gateway.session.EvaluationView.Curve;
import io.downhill.session.Session;

/**
 * The training points (as edited by hand), and the held-out ones when the session holds some out.
 */
public record DataView(
    double[] x, double[] y, @JsonInclude(JsonInclude.Include.NON_NULL) Curve validation) {

  static DataView of(Session.Data data) {
    Curve heldOut =
        data.validationX().length == 0 ? null : new Curve(data.validationX(), data.validationY());
    return new DataView(data.x(), data.y(), heldOut);
  }
}
