package io.downhill.bench.session;

import io.downhill.bench.BenchJvm;
import io.downhill.numerics.training.GradientMethod;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aggregate session-steps per second of a full workshop room: {@value
 * SessionRoomBenchmark#SESSIONS} notebook sessions on the session dispatcher, each asked for
 * {@value SessionRoomBenchmark#STEPS_PER_CALL} steps at once, every reply awaited before the room
 * asks again. It measures what the actors add on top of {@code SingleSessionStepBenchmark}
 * (chunking, mailboxes, the snapshot in each reply) and how the sessions share the cores — and, for
 * AUTOGRAD, how much the one JVM-wide autograd lane serialises them. A reply with fewer steps than
 * asked (divergence) fails the run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SessionRoomBenchmark.SESSIONS * SessionRoomBenchmark.STEPS_PER_CALL)
// Long enough for the JIT to finish with the journal's JDBC path: with three 2 s warm-ups the
// h2 rows were still rising iteration by iteration (28,000 to 48,000 steps/s).
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class ConcurrentSessionsBenchmark extends SessionRoomBenchmark {
  @Param({"ANALYTIC", "AUTOGRAD"})
  public GradientMethod method;

  @Override
  protected GradientMethod method() {
    return method;
  }

  @Benchmark
  public int stepAll() {
    // Every request goes out before any reply is awaited, so all sessions step at once.
    return BenchSessions.stepAll(system, sessions, STEPS_PER_CALL);
  }
}
