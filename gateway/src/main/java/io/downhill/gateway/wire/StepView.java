package io.downhill.gateway.wire;

import io.downhill.numerics.training.StepRecord;

/** One step on the wire: {@code {"step","loss","grad","params","lr"}}. */
public record StepView(long step, double loss, double[] grad, double[] params, double lr) {
  public static StepView of(StepRecord record) {
    return new StepView(
        record.step(), record.loss(), record.gradient(), record.params(), record.learningRate());
  }
}
