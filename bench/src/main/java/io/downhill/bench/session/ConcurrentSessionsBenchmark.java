package io.downhill.bench.session;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import io.downhill.bench.training.NotebookSpecs;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Duration;
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
 * Aggregate session-steps per second of a full workshop room: {@value #SESSIONS} notebook sessions
 * on the session dispatcher, each asked for {@value #STEPS_PER_CALL} steps at once, every reply
 * awaited. It measures what the actors add on top of {@code SingleSessionStepBenchmark} (chunking,
 * mailboxes, the snapshot in each reply) and how the sessions share the cores — and, for AUTOGRAD,
 * how much the one JVM-wide autograd lane serialises them.
 *
 * <p>Sessions are spawned once per trial and reset before each iteration, so every iteration walks
 * the same trajectories; a reply with fewer steps than asked (divergence) fails the run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(
    ConcurrentSessionsBenchmark.SESSIONS * ConcurrentSessionsBenchmark.STEPS_PER_CALL)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Benchmark)
public class ConcurrentSessionsBenchmark {
  static final int SESSIONS = 200;
  static final int STEPS_PER_CALL = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Param({"ANALYTIC", "AUTOGRAD"})
  public GradientMethod method;

  /**
   * Where the sessions' journals go: in memory, or the server's default embedded database (every
   * step request ends with its checkpoint stored, as acknowledged commands must).
   */
  @Param({"memory", "h2"})
  public String journal;

  private ActorSystem<SpawnProtocol.Command> system;
  private NDManager manager;
  private List<BenchSessions.Driven> sessions;

  @Setup(Level.Trial)
  public void start() {
    system = BenchSessions.system("bench", journal);
    manager = NDManager.newBaseManager(Device.cpu());
    TrainingSpec spec = NotebookSpecs.notebook(method);
    sessions = BenchSessions.spawn(system, manager, "bench-", SESSIONS, i -> spec);
  }

  @Setup(Level.Iteration)
  public void resetSessions() {
    BenchSessions.resetAll(system, sessions);
  }

  @Benchmark
  public int stepAll() {
    // Every request goes out before any reply is awaited, so all sessions step at once.
    return BenchSessions.stepAll(system, sessions, STEPS_PER_CALL);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    // Sessions close their trainers when they stop, so the system goes down before the manager.
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    manager.close();
  }
}
