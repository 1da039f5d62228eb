package io.downhill.numerics.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * Pins the engine behaviour {@link BackedArray} stands on: the array computes with the values Java
 * wrote into its memory, and Java reads what the engine's in-place ops wrote there.
 */
class BackedArrayTest {

  @Test
  void theEngineComputesWithTheValuesJavaWrote() {
    try (NDManager manager = NDManager.newBaseManager()) {
      BackedArray backed = BackedArray.of(manager, new double[] {1, 2, 3, 4}, new Shape(2, 2));
      backed.write(new double[] {5, 6, 7, 8});
      backed.write(3, -1);
      try (NDArray doubled = backed.array().mul(2)) {
        assertThat(doubled.toDoubleArray()).containsExactly(10, 12, 14, -2);
      }
      assertThat(backed.array().getShape()).isEqualTo(new Shape(2, 2));
    }
  }

  @Test
  void javaReadsWhatTheEnginesInPlaceOpsWrote() {
    try (NDManager manager = NDManager.newBaseManager()) {
      BackedArray backed = BackedArray.of(manager, new double[] {1, 2, 3}, new Shape(3));
      try (NDArray step = manager.create(new double[] {0.5, 0.25, 0.125})) {
        backed.array().subi(step).muli(4);
      }
      assertThat(backed.values()).containsExactly(2, 7, 11.5);
      assertThat(backed.get(2)).isEqualTo(11.5);
      assertThat(backed.array().toDoubleArray()).containsExactly(2, 7, 11.5);
    }
  }

  @Test
  void aScalarHoldsOneValue() {
    try (NDManager manager = NDManager.newBaseManager()) {
      BackedArray scalar = BackedArray.zeros(manager, new Shape());
      scalar.write(0, 0.1);
      try (NDArray three = manager.create(new double[] {1, 2, 3});
          NDArray scaled = three.mul(scalar.array())) {
        assertThat(scaled.toDoubleArray()).containsExactly(0.1, 0.2, 0.1 * 3);
      }
      assertThat(scalar.size()).isEqualTo(1);
    }
  }

  @Test
  void aWriteOfTheWrongLengthChangesNothing() {
    try (NDManager manager = NDManager.newBaseManager()) {
      BackedArray backed = BackedArray.of(manager, new double[] {1, 2}, new Shape(2));
      assertThatThrownBy(() -> backed.write(new double[] {1, 2, 3}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 values, got 3");
      assertThat(backed.values()).containsExactly(1, 2);
    }
  }
}
