package io.downhill.bench.session;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import io.downhill.bench.training.NotebookSpecs;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session-steps per second of a room whose {@value #SESSIONS} participants each ask for {@value
 * #STEPS_PER_CALL} steps again as soon as their own answer arrives, {@value #REQUESTS_IN_TURN}
 * times in a row. Unlike {@link ConcurrentSessionsBenchmark}, where the whole room waits for its
 * slowest answer before anyone asks again, no participant waits for another: while one session's
 * checkpoint is being stored (every step request ends with one, as acknowledged commands must), the
 * others step. It is how a room of people clicking Step behaves, and what the journal's cost should
 * be judged on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(
    SessionsInTurnBenchmark.SESSIONS
        * SessionsInTurnBenchmark.STEPS_PER_CALL
        * SessionsInTurnBenchmark.REQUESTS_IN_TURN)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Benchmark)
public class SessionsInTurnBenchmark {
  static final int SESSIONS = 200;
  static final int STEPS_PER_CALL = 50;
  static final int REQUESTS_IN_TURN = 10;

  /** In memory, or the server's default embedded database. */
  @Param({"memory", "h2"})
  public String journal;

  private ActorSystem<SpawnProtocol.Command> system;
  private NDManager manager;
  private List<BenchSessions.Driven> sessions;

  @Setup(Level.Trial)
  public void start() {
    system = BenchSessions.system("bench", journal);
    manager = NDManager.newBaseManager(Device.cpu());
    TrainingSpec spec = NotebookSpecs.notebook(GradientMethod.ANALYTIC);
    sessions = BenchSessions.spawn(system, manager, "turn-", SESSIONS, i -> spec);
  }

  @Setup(Level.Iteration)
  public void resetSessions() {
    BenchSessions.resetAll(system, sessions);
  }

  @Benchmark
  public int stepInTurn() {
    return BenchSessions.stepEachInTurn(system, sessions, STEPS_PER_CALL, REQUESTS_IN_TURN);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    manager.close();
  }
}
