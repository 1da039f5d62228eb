package io.downhill.numerics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A network's parameter layout, its batched predictions, its starting point and its memory. */
class MlpTest {
  private static final double[] X = {-2, -0.5, 0.25, 1.5};

  /** The network's forward pass, written out in plain Java from the documented layout. */
  private static double reference(List<Integer> hidden, double[] p, double x) {
    double[] activations = {x};
    int offset = 0;
    for (int l = 0; l <= hidden.size(); l++) {
      int out = l < hidden.size() ? hidden.get(l) : 1;
      int in = activations.length;
      double[] next = new double[out];
      for (int j = 0; j < out; j++) {
        double z = p[offset + in * out + j];
        for (int i = 0; i < in; i++) {
          z += p[offset + j * in + i] * activations[i];
        }
        next[j] = l < hidden.size() ? Math.max(z, 0) : z;
      }
      offset += in * out + out;
      activations = next;
    }
    return activations[0];
  }

  private static double[] random(int count, long seed) {
    Random random = new Random(seed);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  @Test
  void countsAndNamesTheParametersLayerByLayer() {
    Mlp network = new Mlp(List.of(2, 3));
    assertThat(network.parameterCount()).isEqualTo(2 + 2 + 6 + 3 + 3 + 1);
    assertThat(Mlp.parameterCount(List.of(2, 3))).isEqualTo(network.parameterCount());
    assertThat(network.parameterNames())
        .containsExactly(
            "w1[1][1]",
            "w1[2][1]",
            "b1[1]",
            "b1[2]",
            "w2[1][1]",
            "w2[1][2]",
            "w2[2][1]",
            "w2[2][2]",
            "w2[3][1]",
            "w2[3][2]",
            "b2[1]",
            "b2[2]",
            "b2[3]",
            "w3[1][1]",
            "w3[1][2]",
            "w3[1][3]",
            "b3[1]");
  }

  @Test
  void predictsAsTheDocumentedLayoutSays() {
    for (List<Integer> hidden : List.of(List.of(3), List.of(2, 3), List.of(3, 2, 4))) {
      double[] p = random(Mlp.parameterCount(hidden), hidden.size());
      try (NDManager manager = NDManager.newBaseManager()) {
        double[] predicted =
            new Mlp(hidden).bind(manager.create(X)).predict(manager.create(p)).toDoubleArray();
        for (int i = 0; i < X.length; i++) {
          assertThat(predicted[i]).isCloseTo(reference(hidden, p, X[i]), within(1e-12));
        }
      }
    }
  }

  @Test
  void aBatchOfParameterVectorsGivesEachRowItsOwnPredictionsAndGradient() {
    List<Integer> hidden = List.of(3, 2);
    int count = Mlp.parameterCount(hidden);
    double[] first = random(count, 1);
    double[] second = random(count, 2);
    double[] weights = {0.5, -1, 2, 0.25};
    try (NDManager manager = NDManager.newBaseManager()) {
      BoundModel bound = new Mlp(hidden).bind(manager.create(X));
      double[] both = new double[2 * count];
      System.arraycopy(first, 0, both, 0, count);
      System.arraycopy(second, 0, both, count, count);
      NDArray batch = manager.create(both, new Shape(2, count));
      NDArray batchWeights =
          manager.create(new double[] {0.5, -1, 2, 0.25, 0.5, -1, 2, 0.25}, new Shape(2, 4));
      double[] predictions = bound.predict(batch).toDoubleArray();
      double[] gradients = bound.gradient(batch, batchWeights).toDoubleArray();
      double[] firstGradient =
          bound.gradient(manager.create(first), manager.create(weights)).toDoubleArray();
      double[] secondPredictions = bound.predict(manager.create(second)).toDoubleArray();
      for (int i = 0; i < X.length; i++) {
        assertThat(predictions[X.length + i]).isCloseTo(secondPredictions[i], within(1e-12));
      }
      for (int i = 0; i < count; i++) {
        assertThat(gradients[i]).isCloseTo(firstGradient[i], within(1e-12));
      }
    }
  }

  @Test
  void theDefaultStartIsSeededAndPutsEveryFirstLayerKinkOnTheData() {
    TrainingSpec notebook = Presets.notebook();
    ModelSpec model = ModelSpec.mlp(List.of(8, 8));
    double[] init = DefaultInit.forModel(model, notebook.data());
    assertThat(init).hasSize(model.parameterCount());
    assertThat(DefaultInit.forModel(model, notebook.data())).containsExactly(init);
    for (int j = 0; j < 8; j++) {
      double kink = -init[8 + j] / init[j];
      assertThat(kink).isBetween(notebook.data().xMin(), notebook.data().xMax());
    }
    var otherSeed =
        new io.downhill.numerics.data.DataSpec(notebook.data().target(), 20, -2, 2, 0.4, 1.5, 7);
    assertThat(DefaultInit.forModel(model, otherSeed)).isNotEqualTo(init);
  }

  @Test
  void stepsEvaluationsAndCurvesLeaveNoArraysBehind() {
    ModelSpec model = ModelSpec.mlp(List.of(4, 4, 4));
    TrainingSpec notebook = Presets.notebook();
    TrainingSpec spec =
        new TrainingSpec(
            notebook.data(),
            model,
            notebook.loss(),
            notebook.optimizer(),
            0.001,
            notebook.schedule(),
            false,
            DefaultInit.forModel(model, notebook.data()),
            notebook.gradients());
    try (NDManager manager = NDManager.newBaseManager();
        Trainer trainer = new Trainer(spec, manager)) {
      trainer.step();
      int live = manager.getManagedArrays().size();
      for (int i = 0; i < 100; i++) {
        trainer.step();
        trainer.evaluate(trainer.params());
        trainer.curve(trainer.params());
      }
      assertThat(manager.getManagedArrays()).hasSize(live);
    }
  }
}
