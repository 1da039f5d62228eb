package io.downhill.numerics.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.data.DataSplit;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.BoundModel;
import io.downhill.numerics.model.Fit;
import io.downhill.numerics.model.Model;
import io.downhill.numerics.optim.Optimizer;
import io.downhill.numerics.tensor.BackedArray;
import java.util.Optional;

/**
 * One training run's tensors and the steps that change them: the data, the parameters and the
 * accumulated gradient, all in one DJL manager that this trainer owns and closes, and the
 * optimizer's state. Not thread-safe: one owner (a session actor) drives it.
 *
 * <p>A closed-form step is a handful of tensor ops for the loss and the gradient (see {@link Fit})
 * and the optimizer's update in Java on the values read back (see {@link Optimizer}): every
 * temporary is closed where it is made, the rest is updated in place, so the number of live arrays
 * does not grow with the number of steps. Reads at other parameters ({@link Evaluations}) and
 * autograd steps run in a sub-manager that is closed at their end. Values leave as plain Java
 * arrays.
 */
public final class Trainer implements AutoCloseable {
  /** Points on which a client draws the model's curve, as the lesson's plot_function. */
  public static final int CURVE_POINTS = 100;

  private final TrainingSpec spec;
  private final NDManager manager;
  private final Dataset dataset;
  private final Dataset validation;
  private final Model model;
  private final LossGradient lossGradient;
  private final LossGradient validationLoss;
  private final BackedArray backedParams;
  private final NDArray params;
  private final BackedArray accumulated;
  private final NDArray accumulatedGradient;
  private final Optimizer optimizer;
  private final Evaluations evaluations;

  private double baseLearningRate;
  private boolean accumulateGradients;
  private long completedSteps;
  private double[] currentParams;
  private double[] lastGradient;
  private Divergence divergence;

  /** Builds the run's tensors in a new sub-manager of {@code parent}, on the spec's own data. */
  public Trainer(TrainingSpec spec, NDManager parent) {
    this(spec, null, parent);
  }

  /**
   * Builds the run's tensors in a new sub-manager of {@code parent}, training on {@code edited}
   * (points edited by hand) or, when null, on the spec's training points. The held-out points are
   * always the spec's.
   */
  public Trainer(TrainingSpec spec, Dataset edited, NDManager parent) {
    this.spec = spec;
    this.manager = parent.newSubManager();
    DataSplit split = spec.data().split();
    this.dataset = edited != null ? edited : split.training();
    this.validation = split.validation();
    this.model = spec.model().create();
    Loss loss = spec.loss();
    NDArray x = manager.create(dataset.x());
    NDArray y = manager.create(dataset.y());
    BoundModel bound = model.bind(x);
    long points = dataset.x().length;
    Fit fit = bound.fit(y, loss.gradientScale(points));
    Shape shape = fit.parameterShape(model.parameterCount());
    // Read after every step and written on edits: kept in memory Java reads without the engine.
    this.backedParams = BackedArray.of(manager, spec.init(), shape);
    this.params = backedParams.array();
    this.accumulated = BackedArray.zeros(manager, shape);
    this.accumulatedGradient = accumulated.array();
    this.optimizer = Optimizer.create(spec.optimizer(), model.parameterCount());
    Fit heldOut = null;
    if (validation.size() > 0) {
      NDArray validationY = manager.create(validation.y());
      heldOut =
          model
              .bind(manager.create(validation.x()))
              .fit(validationY, loss.gradientScale(validation.size()));
    }
    NDList persistent = new NDList(manager.getManagedArrays());
    this.lossGradient = new LossGradient(fit, loss, points, spec.gradients(), manager, persistent);
    this.validationLoss =
        heldOut == null
            ? null
            : new LossGradient(
                heldOut, loss, validation.size(), GradientMethod.ANALYTIC, manager, persistent);
    this.evaluations = new Evaluations(spec, model, bound, y, validationLoss, manager, persistent);
    this.baseLearningRate = spec.learningRate();
    this.accumulateGradients = spec.accumulateGradients();
    this.currentParams = spec.init();
    this.lastGradient = new double[model.parameterCount()];
  }

  /**
   * One step: the loss and gradient at the current parameters, then the update. Empty, and the
   * parameters left at their last finite values, when the step produced a non-finite value or the
   * run had already diverged.
   */
  public Optional<StepRecord> step() {
    if (divergence != null) {
      return Optional.empty();
    }
    long number = completedSteps + 1;
    double rate = spec.schedule().rateAt(baseLearningRate, completedSteps);
    // Held-out loss at the same parameters as the step's loss, before the update.
    double heldOut = validationLoss == null ? Double.NaN : validationLoss.value(params);
    return lossGradient.at(
        params, (lossValue, gradient) -> update(number, rate, lossValue, heldOut, gradient));
  }

  /**
   * Accumulates {@code gradient} if asked, checks every value, and applies the optimizer to a copy
   * of the parameters (Java arithmetic, see {@link Optimizer}), which becomes the parameters' array
   * only when every value is finite.
   */
  private Optional<StepRecord> update(
      long number, double rate, double lossValue, double heldOut, NDArray gradient) {
    double[] gradientValues;
    if (accumulateGradients) {
      accumulatedGradient.addi(gradient);
      gradientValues = accumulated.values();
    } else {
      gradientValues = gradient.toDoubleArray();
    }
    if (!Double.isFinite(lossValue)) {
      return diverge(number, "loss");
    }
    if (!allFinite(gradientValues)) {
      return diverge(number, "gradient");
    }
    double[] updated = currentParams.clone();
    optimizer.update(updated, gradientValues, rate);
    if (!allFinite(updated)) {
      return diverge(number, "params");
    }
    backedParams.write(updated);
    completedSteps = number;
    currentParams = updated;
    lastGradient = gradientValues;
    return Optional.of(new StepRecord(number, lossValue, gradientValues, updated, rate, heldOut));
  }

  private Optional<StepRecord> diverge(long number, String reason) {
    divergence = new Divergence(number, reason);
    return Optional.empty();
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The loss at {@code candidate} parameters, without changing the run. */
  public double evaluate(double[] candidate) {
    return evaluations.loss(candidate);
  }

  /** The held-out loss at {@code candidate} parameters (NaN without held-out points). */
  public double evaluateHeldOut(double[] candidate) {
    return evaluations.heldOutLoss(candidate, params.getShape());
  }

  /**
   * The model's curve for {@code candidate} parameters on {@link #CURVE_POINTS} points spanning the
   * data with a margin, as the lesson's plot_function draws it: [xs, ys].
   */
  public double[][] curve(double[] candidate) {
    return evaluations.curve(candidate);
  }

  /** Replaces the parameters (the lesson's sliders); a divergence is cleared. */
  public void setParams(double[] newParams) {
    if (newParams.length != model.parameterCount()) {
      throw new IllegalArgumentException("expected " + model.parameterCount() + " parameters");
    }
    backedParams.write(newParams);
    currentParams = newParams.clone();
    divergence = null;
  }

  /** Back to the spec's starting point: parameters, step count, gradient and optimizer state. */
  public void reset() {
    backedParams.write(spec.init());
    accumulated.write(new double[accumulated.size()]);
    optimizer.reset();
    currentParams = spec.init();
    lastGradient = new double[model.parameterCount()];
    completedSteps = 0;
    baseLearningRate = spec.learningRate();
    accumulateGradients = spec.accumulateGradients();
    divergence = null;
  }

  /** Everything this trainer holds beyond its spec, as plain values. */
  public TrainerState exportState() {
    return new TrainerState(
        completedSteps,
        currentParams.clone(),
        lastGradient.clone(),
        accumulated.values(),
        optimizer.slots(),
        optimizer.updates(),
        baseLearningRate,
        accumulateGradients,
        divergence);
  }

  /** Puts back a state read with {@link #exportState()}; the next step goes on from it exactly. */
  public void restore(TrainerState state) {
    if (state.params().length != model.parameterCount()) {
      throw new IllegalArgumentException("expected " + model.parameterCount() + " parameters");
    }
    backedParams.write(state.params());
    accumulated.write(state.accumulatedGradient());
    optimizer.restore(state.optimizerSlots(), state.optimizerSteps());
    currentParams = state.params().clone();
    lastGradient = state.lastGradient().clone();
    completedSteps = state.step();
    baseLearningRate = state.learningRate();
    accumulateGradients = state.accumulateGradients();
    divergence = state.divergence();
  }

  /** Sets the base learning rate; the next step uses it. */
  public void setLearningRate(double rate) {
    baseLearningRate = rate;
  }

  /** Turns gradient accumulation on or off; turning it off forgets the accumulated sum. */
  public void setAccumulateGradients(boolean accumulate) {
    if (!accumulate) {
      accumulated.write(new double[accumulated.size()]);
    }
    accumulateGradients = accumulate;
  }

  public TrainingSpec spec() {
    return spec;
  }

  /** The points the run trains on. */
  public Dataset dataset() {
    return dataset;
  }

  /** The points held out of training (empty without a validation share). */
  public Dataset validation() {
    return validation;
  }

  /** Whether each step also reports the held-out loss. */
  public boolean validates() {
    return validationLoss != null;
  }

  public Model model() {
    return model;
  }

  public long completedSteps() {
    return completedSteps;
  }

  public double[] params() {
    return currentParams.clone();
  }

  /** The gradient the last step used (zeros before the first step). */
  public double[] lastGradient() {
    return lastGradient.clone();
  }

  public double baseLearningRate() {
    return baseLearningRate;
  }

  /** The rate the next step will use, after the schedule. */
  public double nextLearningRate() {
    return spec.schedule().rateAt(baseLearningRate, completedSteps);
  }

  public boolean accumulateGradients() {
    return accumulateGradients;
  }

  public Optional<Divergence> divergence() {
    return Optional.ofNullable(divergence);
  }

  /** Closes every array this run made. */
  @Override
  public void close() {
    manager.close();
  }
}
