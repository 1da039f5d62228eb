package io.downhill.bench.session;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.downhill.bench.training.NotebookSpecs;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the step-request benchmarks share: a room of {@value #SESSIONS} notebook sessions on the
 * session dispatcher, spawned once per trial on the chosen journal and reset before each iteration,
 * so every iteration walks the same trajectories. Each subclass says how the room asks for its
 * {@value #STEPS_PER_CALL} steps at a time, and with which gradient method.
 */
@State(Scope.Benchmark)
public abstract class SessionRoomBenchmark {
  static final int SESSIONS = 200;
  static final int STEPS_PER_CALL = 50;

  /**
   * Where the sessions' journals go: in memory, or the server's default embedded database (every
   * step request ends with its checkpoint stored, as acknowledged commands must).
   */
  @Param({"memory", "h2"})
  public String journal;

  protected ActorSystem<SpawnProtocol.Command> system;
  protected List<BenchSessions.Driven> sessions;
  private NDManager manager;

  /** The sessions' gradient method, read once per trial (after JMH has set the parameters). */
  protected abstract GradientMethod method();

  @Setup(Level.Trial)
  public void start() {
    system = BenchSessions.system("bench", journal);
    manager = NDManager.newBaseManager(Device.cpu());
    TrainingSpec spec = NotebookSpecs.notebook(method());
    sessions = BenchSessions.spawn(system, manager, "bench-", SESSIONS, i -> spec);
  }

  @Setup(Level.Iteration)
  public void resetSessions() {
    BenchSessions.resetAll(system, sessions);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    // Sessions close their trainers when they stop, so the system goes down before the manager.
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    manager.close();
  }
}
