package io.downhill.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.numerics.training.StepRecord;

/**
 * One step on the wire: {@code {"step","loss","grad","params","lr"}}, and {@code "validationLoss"}
 * (the held-out points' loss at the same parameters as {@code loss}) when the session holds points
 * out.
 */
public record StepView(
    long step,
    double loss,
    double[] grad,
    double[] params,
    double lr,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double validationLoss) {

  public static StepView of(StepRecord record) {
    return new StepView(
        record.step(),
        record.loss(),
        record.gradient(),
        record.params(),
        record.learningRate(),
        heldOut(record.validationLoss()));
  }

  /** A held-out loss as sent: absent (null) when there is none. */
  public static Double heldOut(double validationLoss) {
    return Double.isNaN(validationLoss) ? null : validationLoss;
  }
}
