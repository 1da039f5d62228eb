package io.downhill.bench.sweep;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import io.downhill.bench.session.BenchSessions;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
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
 * Session-steps per second of the same learning-rate sweep as {@link BatchedSweepBenchmark}, run
 * the way a sweep runs without batching: K {@link Session} actors on the session dispatcher, one
 * per variant, each asked for S steps at once and every reply awaited. The ratio of the two
 * benchmarks at one K is what batching buys.
 *
 * <p>Unit: S = {@value SweepVariants#SESSION_STEPS_PER_INVOCATION} / K, so one invocation makes
 * {@value SweepVariants#SESSION_STEPS_PER_INVOCATION} session-steps at every K and JMH's ops/s is
 * session-steps per second over all cores (the session dispatcher has one thread per core). The
 * secondary counters {@code cpuNanos / sessionSteps} give the fork's CPU nanoseconds per
 * session-step, every thread included ({@link CpuCounters}). Sessions are spawned once per trial
 * and reset before each iteration; a reply with fewer steps than asked fails the run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SweepVariants.SESSION_STEPS_PER_INVOCATION)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Benchmark)
public class SeparateSessionsBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Param({"10", "100", "1000", "10000"})
  public int k;

  private int stepsPerSession;
  private ActorSystem<SpawnProtocol.Command> system;
  private NDManager manager;
  private List<BenchSessions.Driven> sessions;

  @Setup(Level.Trial)
  public void start() {
    stepsPerSession = SweepVariants.stepsPerSession(k);
    system = BenchSessions.system("bench");
    manager = NDManager.newBaseManager(Device.cpu());
    SessionSettings settings = SessionSettings.from(system.settings().config());
    if (stepsPerSession > settings.maxStepRequest()) {
      throw new IllegalStateException("S = " + stepsPerSession + " exceeds max-step-request");
    }
    List<TrainingSpec> variants = SweepVariants.logUniformRates(k);
    sessions = BenchSessions.spawn(system, manager, "sweep-", k, variants::get);
  }

  @Setup(Level.Iteration)
  public void resetSessions() {
    BenchSessions.resetAll(system, sessions);
  }

  @Benchmark
  public int stepAll(CpuCounters cpu) {
    long started = CpuCounters.processCpuNanos();
    // Every request goes out before any reply is awaited, so all sessions step at once.
    int steps = BenchSessions.stepAll(system, sessions, stepsPerSession);
    cpu.record(CpuCounters.processCpuNanos() - started, steps);
    return steps;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    // Sessions close their trainers when they stop, so the system goes down before the manager.
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    manager.close();
  }
}
