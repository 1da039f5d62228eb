package io.downhill.gateway.session;

import io.downhill.gateway.http.ApiError;
import io.downhill.gateway.http.JsonInput;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.data.TargetFunction;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.Mlp;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads a session spec from JSON: a preset (the notebook by default) with any field overridden.
 * Types and kinds are checked here, naming the field; ranges are checked by {@link
 * TrainingSpec#validate}, so the rules hold for every caller of the actors, not only this one.
 */
public final class SpecParser {
  private static final Set<String> TOP =
      Set.of(
          "preset",
          "seed",
          "loss",
          "lr",
          "accumulateGradients",
          "init",
          "gradients",
          "model",
          "data",
          "optimizer",
          "schedule");
  private static final int MAX_ARRAY = 1024;
  private static final List<Integer> DEFAULT_HIDDEN = List.of(8, 8);

  private final SpecLimits limits;

  public SpecParser(SpecLimits limits) {
    this.limits = limits;
  }

  public SpecLimits limits() {
    return limits;
  }

  public TrainingSpec parse(JsonInput json) {
    json.allowOnly(TOP);
    String presetName = json.text("preset", "notebook");
    TrainingSpec base =
        Presets.named(presetName)
            .orElseThrow(
                () ->
                    ApiError.badRequest(
                        "preset",
                        "unknown preset; known: " + String.join(", ", Presets.all().keySet())));

    DataSpec data = data(json.object("data"), base.data());
    long seed = json.integer("seed", 0, 0xffffffffL, data.seed());
    data =
        new DataSpec(
            data.target(),
            data.n(),
            data.xMin(),
            data.xMax(),
            data.multiplicativeNoise(),
            data.additiveNoise(),
            seed,
            data.validationFraction());
    ModelSpec model = model(json.object("model"), base.model());
    Loss loss = choose("loss", json.text("loss", null), Loss.values(), Loss::wireName, base.loss());
    OptimizerSpec optimizer = optimizer(json.object("optimizer"), base.optimizer());
    LearningRateSchedule schedule = schedule(json.object("schedule"), base.schedule());
    double lr = json.number("lr", base.learningRate());
    boolean accumulate = json.bool("accumulateGradients", base.accumulateGradients());
    GradientMethod gradients =
        choose(
            "gradients",
            json.text("gradients", null),
            GradientMethod.values(),
            GradientMethod::wireName,
            base.gradients());
    double[] fallbackInit =
        model.equals(base.model()) ? base.init() : DefaultInit.forModel(model, data);
    double[] init = json.numbers("init", MAX_ARRAY, fallbackInit);
    return new TrainingSpec(
        data, model, loss, optimizer, lr, schedule, accumulate, init, gradients);
  }

  private DataSpec data(JsonInput json, DataSpec base) {
    if (json == null) {
      return base;
    }
    json.allowOnly(Set.of("target", "n", "xMin", "xMax", "noise", "validationFraction"));
    TargetFunction target = base.target();
    JsonInput targetJson = json.object("target");
    if (targetJson != null) {
      targetJson.allowOnly(Set.of("kind", "coefficients"));
      TargetFunction.Kind kind =
          choose(
              "data.target.kind",
              targetJson.text("kind", null),
              TargetFunction.Kind.values(),
              TargetFunction.Kind::wireName,
              target.kind());
      double[] fallback = kind == target.kind() ? target.coefficients() : defaultCoefficients(kind);
      double[] coefficients = targetJson.numbers("coefficients", MAX_ARRAY, fallback);
      if (coefficients.length != kind.coefficientCount()) {
        throw ApiError.badRequest(
            "data.target.coefficients",
            "must hold " + kind.coefficientCount() + " numbers for " + kind.wireName());
      }
      target = new TargetFunction(kind, coefficients);
    }
    int n = (int) json.integer("n", 1, limits.maxPoints(), base.n());
    double xMin = json.number("xMin", base.xMin());
    double xMax = json.number("xMax", base.xMax());
    double mult = base.multiplicativeNoise();
    double add = base.additiveNoise();
    JsonInput noise = json.object("noise");
    if (noise != null) {
      noise.allowOnly(Set.of("mult", "add"));
      mult = noise.number("mult", mult);
      add = noise.number("add", add);
    }
    double validation = json.number("validationFraction", base.validationFraction());
    if (!(validation >= 0 && validation <= DataSpec.MAX_VALIDATION_FRACTION)) {
      throw ApiError.badRequest(
          "data.validationFraction",
          "must be a number from 0 to " + DataSpec.MAX_VALIDATION_FRACTION);
    }
    return new DataSpec(target, n, xMin, xMax, mult, add, base.seed(), validation);
  }

  private static double[] defaultCoefficients(TargetFunction.Kind kind) {
    return switch (kind) {
      case QUADRATIC -> new double[] {3, 4, 5};
      case SINE -> new double[] {3, 2};
      case ABS -> new double[] {2};
      case STEP -> new double[] {4};
    };
  }

  private ModelSpec model(JsonInput json, ModelSpec base) {
    if (json == null) {
      return base;
    }
    json.allowOnly(Set.of("kind", "degree", "units", "hidden"));
    ModelSpec.Kind kind =
        choose(
            "model.kind",
            json.text("kind", null),
            ModelSpec.Kind.values(),
            ModelSpec.Kind::wireName,
            base.kind());
    return switch (kind) {
      case QUADRATIC -> ModelSpec.quadratic();
      case POLYNOMIAL ->
          new ModelSpec(
              kind,
              (int)
                  json.integer(
                      "degree", 0, limits.maxDegree(), base.kind() == kind ? base.size() : 3));
      case RELU_SUM ->
          new ModelSpec(
              kind,
              (int)
                  json.integer(
                      "units", 1, limits.maxUnits(), base.kind() == kind ? base.size() : 2));
      case MLP -> ModelSpec.mlp(hidden(json, base.kind() == kind ? base.hidden() : DEFAULT_HIDDEN));
    };
  }

  /** A network's hidden widths: 1 to 3 layers, each 1 to maxUnits wide. */
  private List<Integer> hidden(JsonInput json, List<Integer> fallback) {
    long[] widths = json.wholeNumbers("hidden", Mlp.MAX_LAYERS, 1, limits.maxUnits(), null);
    if (widths == null) {
      return fallback;
    }
    if (widths.length == 0) {
      throw ApiError.badRequest(
          "model.hidden", "must hold 1 to " + Mlp.MAX_LAYERS + " hidden layer widths");
    }
    return Arrays.stream(widths).mapToObj(w -> (int) w).toList();
  }

  private static OptimizerSpec optimizer(JsonInput json, OptimizerSpec base) {
    if (json == null) {
      return base;
    }
    json.allowOnly(Set.of("kind", "momentum", "beta1", "beta2", "epsilon"));
    OptimizerSpec.Kind kind =
        choose(
            "optimizer.kind",
            json.text("kind", null),
            OptimizerSpec.Kind.values(),
            OptimizerSpec.Kind::wireName,
            base.kind());
    return new OptimizerSpec(
        kind,
        json.number("momentum", base.momentum()),
        json.number("beta1", base.beta1()),
        json.number("beta2", base.beta2()),
        json.number("epsilon", base.epsilon()));
  }

  private static LearningRateSchedule schedule(JsonInput json, LearningRateSchedule base) {
    if (json == null) {
      return base;
    }
    json.allowOnly(Set.of("kind", "stepSize", "gamma", "period", "minFactor"));
    LearningRateSchedule.Kind kind =
        choose(
            "schedule.kind",
            json.text("kind", null),
            LearningRateSchedule.Kind.values(),
            LearningRateSchedule.Kind::wireName,
            base.kind());
    return new LearningRateSchedule(
        kind,
        json.integer("stepSize", 1, 100_000_000, base.stepSize()),
        json.number("gamma", base.gamma()),
        json.integer("period", 1, 100_000_000, base.period()),
        json.number("minFactor", base.minFactor()));
  }

  /** The value whose wire name is {@code name}; the fallback when absent; an error when unknown. */
  static <T> T choose(
      String field,
      String name,
      T[] values,
      java.util.function.Function<T, String> wireName,
      T fallback) {
    if (name == null) {
      return fallback;
    }
    for (T value : values) {
      if (wireName.apply(value).equals(name)) {
        return value;
      }
    }
    throw ApiError.badRequest(
        field,
        "unknown value; one of: "
            + String.join(", ", Arrays.stream(values).map(wireName).toList()));
  }
}
