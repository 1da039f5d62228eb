package io.downhill.numerics.training;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one lane through which autograd runs in this JVM. DJL's PyTorch gradient collector guards a
 * JVM-wide flag, so a second collector opened anywhere while one is open throws; every autograd
 * step therefore takes this lock, opens the collector, and closes it before letting go. A hold
 * lasts one forward and one backward pass of a small model (a fraction of a millisecond).
 */
public final class AutogradLane {
  private static final ReentrantLock LANE = new ReentrantLock(true);

  private AutogradLane() {}

  /** Runs {@code pass} with a gradient collector that no other thread holds meanwhile. */
  public static void collect(Consumer<GradientCollector> pass) {
    LANE.lock();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      pass.accept(collector);
    } finally {
      LANE.unlock();
    }
  }
}
