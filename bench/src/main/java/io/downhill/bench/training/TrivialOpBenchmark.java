package io.downhill.bench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor under every step: one trivial DJL op ({@code a.add(b)} on two float64 vectors of three
 * values, the notebook's parameter shape), alone and inside the scoped sub-manager that {@link
 * io.downhill.numerics.training.Trainer#step()} opens, attaches its arrays to and closes. A step's
 * time divided by this gives roughly how many ops' worth of overhead it spends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Thread)
public class TrivialOpBenchmark {

  private NDManager manager;
  private NDArray a;
  private NDArray b;
  private NDList operands;

  @Setup(Level.Trial)
  public void open() {
    manager = NDManager.newBaseManager(Device.cpu());
    a = manager.create(new double[] {1.1, 1.2, 1.3});
    b = manager.create(new double[] {0.1, 0.2, 0.3});
    operands = new NDList(a, b);
  }

  /** One op, its result closed at once: the bare cost of an eager op through DJL's JNI. */
  @Benchmark
  public void add(Blackhole blackhole) {
    try (NDArray sum = a.add(b)) {
      blackhole.consume(sum);
    }
  }

  /** The same op in a sub-manager that borrows the operands and is closed, as a step scopes. */
  @Benchmark
  public void addInSubManager(Blackhole blackhole) {
    try (NDManager scope = manager.newSubManager()) {
      operands.tempAttach(scope);
      blackhole.consume(a.add(b));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    manager.close();
  }
}
