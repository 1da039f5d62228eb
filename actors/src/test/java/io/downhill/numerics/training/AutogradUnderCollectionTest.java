package io.downhill.numerics.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.loss.Loss;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Autograd steps make the same trajectory while the garbage collector frees direct buffers around
 * them. DJL backs a scalar made from a Java number with a direct buffer and closes it when the op
 * returns, but an autograd graph keeps that tensor for its backward pass: a divisor made that way
 * was read from freed memory once the buffer was collected, and the gradient came out off by any
 * factor. Here another thread churns and collects direct buffers (overwriting what they free) the
 * whole time, so a graph holding freed memory shows at once.
 */
class AutogradUnderCollectionTest {
  private static final int TRAINERS = 20;
  private static final int STEPS = 100;

  private static TrainingSpec spec(int i) {
    TrainingSpec n = Presets.notebook();
    DataSpec data = new DataSpec(n.data().target(), 20 + i % 7, -2, 2, 0.4, 1.5, 2000 + i);
    return new TrainingSpec(
        data,
        n.model(),
        i % 2 == 0 ? Loss.MSE : Loss.MAE,
        n.optimizer(),
        0.001 * (1 + i % 10),
        n.schedule(),
        i % 3 == 0,
        new double[] {1.1 + i * 0.01, 1.2, 1.3},
        GradientMethod.AUTOGRAD);
  }

  private static List<StepRecord> trajectory(TrainingSpec spec, NDManager manager) {
    try (Trainer trainer = new Trainer(spec, manager)) {
      List<StepRecord> steps = new ArrayList<>();
      for (int k = 0; k < STEPS; k++) {
        steps.add(trainer.step().orElseThrow());
      }
      return steps;
    }
  }

  @Test
  void collectedBuffersDoNotReachTheGradient() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<List<StepRecord>> alone = new ArrayList<>();
      for (int i = 0; i < TRAINERS; i++) {
        alone.add(trajectory(spec(i), manager));
      }
      AtomicBoolean churning = new AtomicBoolean(true);
      Thread churn = new Thread(() -> churnDirectBuffers(churning), "direct-buffer-churn");
      churn.start();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<StepRecord>>> again = new ArrayList<>();
        for (int i = 0; i < TRAINERS; i++) {
          TrainingSpec spec = spec(i);
          again.add(pool.submit(() -> trajectory(spec, manager)));
        }
        for (int i = 0; i < TRAINERS; i++) {
          List<StepRecord> steps = again.get(i).get();
          for (int k = 0; k < STEPS; k++) {
            StepRecord expected = alone.get(i).get(k);
            assertThat(steps.get(k).gradient())
                .as("trainer %d (%s) step %d gradient", i, spec(i).loss(), k + 1)
                .containsExactly(expected.gradient());
            assertThat(steps.get(k).params())
                .as("trainer %d step %d params", i, k + 1)
                .containsExactly(expected.params());
          }
        }
      } finally {
        pool.shutdown();
        churning.set(false);
        churn.join();
      }
    }
  }

  /** Allocates, fills and drops small direct buffers and asks for collections, until told. */
  private static void churnDirectBuffers(AtomicBoolean churning) {
    while (churning.get()) {
      for (int j = 0; j < 2_000; j++) {
        ByteBuffer.allocateDirect(Double.BYTES).putDouble(0, 1e300);
      }
      System.gc();
    }
  }
}
