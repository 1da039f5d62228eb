package io.downhill.bench.session;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.Downhill;
import io.downhill.bench.BenchJvm;
import io.downhill.bench.training.NotebookSpecs;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.SessionSettings;
import io.downhill.session.Snapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a session that made {@value #STEPS} steps takes to come back from the embedded database:
 * a new actor for its id reads its latest snapshot and the events after it, rebuilds its trainer at
 * the stored step, and answers its first command. Each invocation checks that the session came back
 * at exactly that step.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 30)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchJvm.OFFLINE, BenchJvm.ONE_INTRA_OP_THREAD, BenchJvm.ONE_INTER_OP_THREAD})
@State(Scope.Benchmark)
public class RecoveryBenchmark {
  static final long STEPS = 1_000_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(300);

  private ActorSystem<SpawnProtocol.Command> system;
  private NDManager manager;
  private SessionSettings settings;
  private String id;
  private int incarnation;
  private ActorRef<Session.Command> current;

  @Setup(Level.Trial)
  public void start() throws Exception {
    system = BenchSessions.system("bench", "h2");
    manager = NDManager.newBaseManager(Device.cpu());
    settings = SessionSettings.from(system.settings().config());
    BenchSessions.Driven session =
        BenchSessions.spawn(
                system, manager, "long-", 1, i -> NotebookSpecs.notebook(GradientMethod.ANALYTIC))
            .get(0);
    id = "long-0";
    CompletableFuture<Void> done = new CompletableFuture<>();
    ActorRef<SessionEvent> watcher =
        spawn(
            Behaviors.receive(SessionEvent.class)
                .onMessage(
                    SessionEvent.StateChanged.class,
                    changed -> {
                      if (changed.change() == SessionEvent.Change.RUN_FINISHED) {
                        done.complete(null);
                      }
                      return Behaviors.same();
                    })
                .build(),
            "watcher");
    session.ref().tell(new Session.Subscribe(watcher, false));
    AskPattern.<Session.Command, Snapshot>askWithStatus(
            session.ref(),
            replyTo -> new Session.Run(session.token(), STEPS, 0, replyTo),
            TIMEOUT,
            system.scheduler())
        .toCompletableFuture()
        .join();
    done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    current = session.ref();
  }

  private <T> ActorRef<T> spawn(org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
    return spawn(behavior, name, Props.empty());
  }

  private <T> ActorRef<T> spawn(
      org.apache.pekko.actor.typed.Behavior<T> behavior, String name, Props props) {
    return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(
            system,
            replyTo -> new SpawnProtocol.Spawn<>(behavior, name, props, replyTo),
            TIMEOUT,
            system.scheduler())
        .toCompletableFuture()
        .join();
  }

  /** Takes the session out of memory, as passivation or a restart does. */
  @Setup(Level.Invocation)
  public void leave() throws Exception {
    CompletableFuture<Void> gone = new CompletableFuture<>();
    ActorRef<Session.Command> leaving = current;
    this.<Object>spawn(
        Behaviors.<Object>setup(
            context -> {
              context.watch(leaving);
              leaving.tell(Session.Passivate.INSTANCE);
              return Behaviors.receive(Object.class)
                  .onSignal(
                      org.apache.pekko.actor.typed.Terminated.class,
                      t -> {
                        gone.complete(null);
                        return Behaviors.stopped();
                      })
                  .build();
            }),
        "leave-" + incarnation);
    gone.get(30, TimeUnit.SECONDS);
  }

  @Benchmark
  public long comeBack() {
    current =
        spawn(
            Session.create(id, null, settings, manager),
            id + "-" + (++incarnation),
            DispatcherSelector.fromConfig(Downhill.SESSION_DISPATCHER));
    Snapshot state =
        AskPattern.<Session.Command, Snapshot>askWithStatus(
                current, Session.GetState::new, TIMEOUT, system.scheduler())
            .toCompletableFuture()
            .join();
    if (state.step() != STEPS) {
      throw new IllegalStateException("came back at step " + state.step() + ", not " + STEPS);
    }
    return state.step();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    manager.close();
  }
}
