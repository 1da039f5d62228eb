package io.downhill.numerics.training;

import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that determines a training run: the same spec gives the same data and, on CPU, the
 * same trajectory. Plain values, safe to send between actors and over a cluster.
 *
 * @param data how the noisy data is drawn
 * @param model the model fitted to it
 * @param loss the loss minimised
 * @param optimizer the update rule
 * @param learningRate the base learning rate
 * @param schedule how the rate changes with the step
 * @param accumulateGradients whether gradients are summed across steps, as the lesson's loop does
 *     by never zeroing {@code abc.grad}
 * @param init the starting parameters
 * @param gradients how gradients are computed
 */
public record TrainingSpec(
    DataSpec data,
    ModelSpec model,
    Loss loss,
    OptimizerSpec optimizer,
    double learningRate,
    LearningRateSchedule schedule,
    boolean accumulateGradients,
    double[] init,
    GradientMethod gradients) {

  public TrainingSpec {
    init = init.clone();
  }

  @Override
  public double[] init() {
    return init.clone();
  }

  /** The same spec with other starting parameters. */
  public TrainingSpec withInit(double[] newInit) {
    return with(data, newInit);
  }

  /** The same spec on other data. */
  public TrainingSpec withData(DataSpec newData) {
    return with(newData, init);
  }

  private TrainingSpec with(DataSpec newData, double[] newInit) {
    return new TrainingSpec(
        newData,
        model,
        loss,
        optimizer,
        learningRate,
        schedule,
        accumulateGradients,
        newInit,
        gradients);
  }

  /** The same spec at another base learning rate. */
  public TrainingSpec withLearningRate(double rate) {
    return new TrainingSpec(
        data, model, loss, optimizer, rate, schedule, accumulateGradients, init, gradients);
  }

  /** The work budget this spec takes: data points × parameters. */
  public long tensorElements() {
    return (long) data.n() * model.parameterCount();
  }

  /** Every way this spec breaks {@code limits}; empty when it is sound. */
  public List<FieldError> validate(SpecLimits limits) {
    List<FieldError> errors = new ArrayList<>();
    int n = data.n();
    if (n < 1 || n > limits.maxPoints()) {
      errors.add(new FieldError("data.n", "must be between 1 and " + limits.maxPoints()));
    }
    requireFinite(errors, "data.xMin", data.xMin(), limits);
    requireFinite(errors, "data.xMax", data.xMax(), limits);
    if (Double.isFinite(data.xMin())
        && Double.isFinite(data.xMax())
        && data.xMin() >= data.xMax()) {
      errors.add(new FieldError("data.xMax", "must be greater than data.xMin"));
    }
    double fraction = data.validationFraction();
    if (!(fraction >= 0 && fraction <= DataSpec.MAX_VALIDATION_FRACTION)) {
      errors.add(
          new FieldError(
              "data.validationFraction",
              "must be a number from 0 to " + DataSpec.MAX_VALIDATION_FRACTION));
    }
    requireNonNegative(errors, "data.noise.mult", data.multiplicativeNoise(), limits);
    requireNonNegative(errors, "data.noise.add", data.additiveNoise(), limits);
    if (data.seed() < 0 || data.seed() > 0xffffffffL) {
      errors.add(new FieldError("seed", "must be between 0 and 4294967295"));
    }
    double[] coefficients = data.target().coefficients();
    for (int i = 0; i < coefficients.length; i++) {
      requireFinite(errors, "data.target.coefficients[" + i + "]", coefficients[i], limits);
    }
    switch (model.kind()) {
      case POLYNOMIAL -> {
        if (model.size() < 0 || model.size() > limits.maxDegree()) {
          errors.add(new FieldError("model.degree", "must be between 0 and " + limits.maxDegree()));
        }
      }
      case RELU_SUM -> {
        if (model.size() < 1 || model.size() > limits.maxUnits()) {
          errors.add(new FieldError("model.units", "must be between 1 and " + limits.maxUnits()));
        }
      }
      case MLP -> errors.addAll(NetworkLimits.check(model, limits));
      case QUADRATIC -> {}
    }
    if (!(learningRate > 0) || learningRate > limits.maxMagnitude()) {
      errors.add(
          new FieldError("lr", "must be a number above 0 and at most " + limits.maxMagnitude()));
    }
    validateOptimizer(errors);
    validateSchedule(errors);
    if (errors.stream().noneMatch(e -> e.field().startsWith("model"))
        && init.length != model.parameterCount()) {
      errors.add(
          new FieldError(
              "init", "must hold " + model.parameterCount() + " numbers for this model"));
    }
    for (int i = 0; i < init.length; i++) {
      requireFinite(errors, "init[" + i + "]", init[i], limits);
    }
    if (errors.isEmpty() && tensorElements() > limits.maxTensorElements()) {
      errors.add(
          new FieldError(
              "data.n",
              "points × parameters must be at most "
                  + limits.maxTensorElements()
                  + " (here "
                  + tensorElements()
                  + ")"));
    }
    return errors;
  }

  private void validateOptimizer(List<FieldError> errors) {
    if (!(optimizer.momentum() >= 0 && optimizer.momentum() < 1)) {
      errors.add(new FieldError("optimizer.momentum", "must be in [0, 1)"));
    }
    if (!(optimizer.beta1() >= 0 && optimizer.beta1() < 1)) {
      errors.add(new FieldError("optimizer.beta1", "must be in [0, 1)"));
    }
    if (!(optimizer.beta2() >= 0 && optimizer.beta2() < 1)) {
      errors.add(new FieldError("optimizer.beta2", "must be in [0, 1)"));
    }
    if (!(optimizer.epsilon() > 0 && optimizer.epsilon() <= 1)) {
      errors.add(new FieldError("optimizer.epsilon", "must be in (0, 1]"));
    }
  }

  private void validateSchedule(List<FieldError> errors) {
    if (schedule.stepSize() < 1) {
      errors.add(new FieldError("schedule.stepSize", "must be at least 1"));
    }
    if (schedule.period() < 1) {
      errors.add(new FieldError("schedule.period", "must be at least 1"));
    }
    if (!(schedule.gamma() > 0 && schedule.gamma() <= 1)) {
      errors.add(new FieldError("schedule.gamma", "must be in (0, 1]"));
    }
    if (!(schedule.minFactor() >= 0 && schedule.minFactor() <= 1)) {
      errors.add(new FieldError("schedule.minFactor", "must be in [0, 1]"));
    }
  }

  private static void requireFinite(
      List<FieldError> errors, String field, double value, SpecLimits limits) {
    if (!Double.isFinite(value) || Math.abs(value) > limits.maxMagnitude()) {
      errors.add(
          new FieldError(
              field, "must be a finite number of magnitude at most " + limits.maxMagnitude()));
    }
  }

  private static void requireNonNegative(
      List<FieldError> errors, String field, double value, SpecLimits limits) {
    if (!(value >= 0) || value > limits.maxMagnitude()) {
      errors.add(new FieldError(field, "must be a number from 0 to " + limits.maxMagnitude()));
    }
  }

  @Override
  public String toString() {
    return "TrainingSpec["
        + data
        + ", "
        + model
        + ", "
        + loss
        + ", "
        + optimizer
        + ", lr="
        + learningRate
        + ", "
        + schedule
        + ", accumulate="
        + accumulateGradients
        + ", init="
        + Arrays.toString(init)
        + ", "
        + gradients
        + "]";
  }
}
