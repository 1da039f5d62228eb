package io.downhill.gateway.session;

import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/** The spec a session runs, in the same shape a client sends it (see docs/api.md). */
public record SpecView(
    long seed,
    String loss,
    double lr,
    boolean accumulateGradients,
    double[] init,
    String gradients,
    Model model,
    Data data,
    Optimizer optimizer,
    Schedule schedule) {

  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Model(String kind, Integer degree, Integer units, List<Integer> hidden) {}

  public record Target(String kind, double[] coefficients) {}

  public record Noise(double mult, double add) {}

  public record Data(
      Target target, int n, double xMin, double xMax, Noise noise, double validationFraction) {}

  public record Optimizer(
      String kind, double momentum, double beta1, double beta2, double epsilon) {}

  public record Schedule(String kind, long stepSize, double gamma, long period, double minFactor) {}

  public static SpecView of(TrainingSpec spec) {
    var model = spec.model();
    var data = spec.data();
    var optimizer = spec.optimizer();
    var schedule = spec.schedule();
    return new SpecView(
        data.seed(),
        spec.loss().wireName(),
        spec.learningRate(),
        spec.accumulateGradients(),
        spec.init(),
        spec.gradients().wireName(),
        new Model(
            model.kind().wireName(),
            model.kind() == io.downhill.numerics.model.ModelSpec.Kind.POLYNOMIAL
                ? model.size()
                : null,
            model.kind() == io.downhill.numerics.model.ModelSpec.Kind.RELU_SUM
                ? model.size()
                : null,
            model.kind() == io.downhill.numerics.model.ModelSpec.Kind.MLP ? model.hidden() : null),
        new Data(
            new Target(data.target().kind().wireName(), data.target().coefficients()),
            data.n(),
            data.xMin(),
            data.xMax(),
            new Noise(data.multiplicativeNoise(), data.additiveNoise()),
            data.validationFraction()),
        new Optimizer(
            optimizer.kind().wireName(),
            optimizer.momentum(),
            optimizer.beta1(),
            optimizer.beta2(),
            optimizer.epsilon()),
        new Schedule(
            schedule.kind().wireName(),
            schedule.stepSize(),
            schedule.gamma(),
            schedule.period(),
            schedule.minFactor()));
  }
}
