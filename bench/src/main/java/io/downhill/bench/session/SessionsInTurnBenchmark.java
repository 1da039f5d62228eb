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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session-steps per second of a room whose {@value SessionRoomBenchmark#SESSIONS} participants each
 * ask for {@value SessionRoomBenchmark#STEPS_PER_CALL} steps again as soon as their own answer
 * arrives, {@value #REQUESTS_IN_TURN} times in a row. Unlike {@link ConcurrentSessionsBenchmark},
 * where the whole room waits for its slowest answer before anyone asks again, no participant waits
 * for another: while one session's checkpoint is being stored (every step request ends with one, as
 * acknowledged commands must), the others step. It is how a room of people clicking Step behaves,
 * and what the journal's cost should be judged on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(
    SessionRoomBenchmark.SESSIONS
        * SessionRoomBenchmark.STEPS_PER_CALL
        * SessionsInTurnBenchmark.REQUESTS_IN_TURN)
// Long enough for the JIT to finish with the journal's JDBC path: with three 2 s warm-ups the
// h2 rows were still rising iteration by iteration (28,000 to 48,000 steps/s).
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
public class SessionsInTurnBenchmark extends SessionRoomBenchmark {
  static final int REQUESTS_IN_TURN = 10;

  @Override
  protected GradientMethod method() {
    return GradientMethod.ANALYTIC;
  }

  @Benchmark
  public int stepInTurn() {
    return BenchSessions.stepEachInTurn(system, sessions, STEPS_PER_CALL, REQUESTS_IN_TURN);
  }
}
