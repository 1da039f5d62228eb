package io.downhill.bench.session;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.BenchJvm;
import io.downhill.bench.training.NotebookSpecs;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * Aggregate session-steps per second of {@value #SESSIONS} sessions each running {@value
 * #STEPS_PER_RUN} steps at full speed, as a room does when everyone presses Run: with the journal
 * in memory, and on the server's default embedded database, where every run is stored when it
 * starts and ends and checkpointed once a second. The difference is what durability costs a run.
 * Every run must finish with all its steps, or the benchmark fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RunningSessionsBenchmark.SESSIONS * RunningSessionsBenchmark.STEPS_PER_RUN)
// Long enough for the JIT to finish with the journal's JDBC path: with three 2 s warm-ups the
// h2 rows were still rising iteration by iteration (28,000 to 48,000 steps/s).
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Benchmark)
public class RunningSessionsBenchmark {
  static final int SESSIONS = 200;
  static final int STEPS_PER_RUN = 2000;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Param({"memory", "h2"})
  public String journal;

  private ActorSystem<SpawnProtocol.Command> system;
  private NDManager manager;
  private List<BenchSessions.Driven> sessions;
  private final List<ActorRef<SessionEvent>> watchers = new ArrayList<>();
  private volatile CompletableFuture<Void> allFinished;
  private final AtomicInteger finished = new AtomicInteger();

  @Setup(Level.Trial)
  public void start() {
    system = BenchSessions.system("bench", journal);
    manager = NDManager.newBaseManager(Device.cpu());
    TrainingSpec spec = NotebookSpecs.notebook(GradientMethod.ANALYTIC);
    sessions = BenchSessions.spawn(system, manager, "run-", SESSIONS, i -> spec);
    // One watcher per session counts run ends; nothing else is read from the stream.
    for (BenchSessions.Driven session : sessions) {
      ActorRef<SessionEvent> watcher =
          AskPattern.<SpawnProtocol.Command, ActorRef<SessionEvent>>ask(
                  system,
                  replyTo ->
                      new SpawnProtocol.Spawn<>(
                          Behaviors.receive(SessionEvent.class)
                              .onMessage(
                                  SessionEvent.StateChanged.class,
                                  changed -> {
                                    if (changed.change() == SessionEvent.Change.RUN_FINISHED
                                        && finished.incrementAndGet() == SESSIONS) {
                                      allFinished.complete(null);
                                    }
                                    return Behaviors.same();
                                  })
                              .build(),
                          "watch-" + watchers.size(),
                          Props.empty(),
                          replyTo),
                  TIMEOUT,
                  system.scheduler())
              .toCompletableFuture()
              .join();
      session.ref().tell(new Session.Subscribe(watcher, false));
      watchers.add(watcher);
    }
  }

  @Setup(Level.Invocation)
  public void resetSessions() {
    BenchSessions.resetAll(system, sessions);
    finished.set(0);
    allFinished = new CompletableFuture<>();
  }

  @Benchmark
  public int runAll() throws Exception {
    List<CompletableFuture<Snapshot>> started = new ArrayList<>(SESSIONS);
    for (BenchSessions.Driven session : sessions) {
      started.add(
          AskPattern.<Session.Command, Snapshot>askWithStatus(
                  session.ref(),
                  replyTo -> new Session.Run(session.token(), STEPS_PER_RUN, 0, replyTo),
                  TIMEOUT,
                  system.scheduler())
              .toCompletableFuture());
    }
    CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).join();
    allFinished.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    int steps = 0;
    for (BenchSessions.Driven session : sessions) {
      Snapshot state =
          AskPattern.<Session.Command, Snapshot>askWithStatus(
                  session.ref(), Session.GetState::new, TIMEOUT, system.scheduler())
              .toCompletableFuture()
              .join();
      if (state.step() != STEPS_PER_RUN) {
        throw new IllegalStateException(
            "a session made " + state.step() + " of " + STEPS_PER_RUN + " steps");
      }
      steps += (int) state.step();
    }
    return steps;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    manager.close();
  }
}
