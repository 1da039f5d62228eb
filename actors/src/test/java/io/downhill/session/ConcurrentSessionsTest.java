package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.Downhill;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 sessions stepping at once on the session dispatcher — half of them through DJL autograd,
 * whose collector is JVM-wide — each make exactly the trajectory they make alone.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentSessionsTest {
  @JUnit5TestKit final ActorTestKit testKit = EntityTestKit.create();
  final SessionSettings settings = SessionSettings.from(testKit.system().settings().config());
  static final int SESSIONS = 200;
  static final int STEPS = 100;

  /** Distinct sessions: other seeds, rates, losses, and both gradient methods. */
  private static TrainingSpec variant(int i) {
    TrainingSpec n = Presets.notebook();
    DataSpec data = new DataSpec(n.data().target(), 20 + i % 7, -2, 2, 0.4, 1.5, 1000 + i);
    return new TrainingSpec(
        data,
        n.model(),
        i % 3 == 0 ? Loss.MSE : Loss.MAE,
        n.optimizer(),
        0.001 * (1 + i % 10),
        n.schedule(),
        i % 2 == 0,
        new double[] {1.1 + i * 0.01, 1.2, 1.3},
        i % 2 == 0 ? GradientMethod.AUTOGRAD : GradientMethod.ANALYTIC);
  }

  @Test
  void everySessionMakesTheTrajectoryItMakesAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<TestProbe<StatusReply<Session.Stepped>>> probes = new ArrayList<>();
      List<ActorRef<Session.Command>> sessions = new ArrayList<>();
      List<String> tokens = new ArrayList<>();
      TestProbe<StatusReply<Session.Created>> created = testKit.createTestProbe();
      for (int i = 0; i < SESSIONS; i++) {
        ActorRef<Session.Command> session =
            testKit.spawn(
                Session.create("c" + i, null, settings, manager),
                "c" + i,
                DispatcherSelector.fromConfig(Downhill.SESSION_DISPATCHER));
        session.tell(new Session.Create(variant(i), created.ref()));
        tokens.add(created.receiveMessage(Duration.ofSeconds(30)).getValue().token());
        sessions.add(session);
      }
      // All requests go out before any answer is read, so the sessions step at the same time.
      for (int i = 0; i < SESSIONS; i++) {
        TestProbe<StatusReply<Session.Stepped>> probe = testKit.createTestProbe();
        sessions.get(i).tell(new Session.Step(tokens.get(i), STEPS, probe.ref()));
        probes.add(probe);
      }
      for (int i = 0; i < SESSIONS; i++) {
        List<StepRecord> together =
            probes.get(i).receiveMessage(Duration.ofSeconds(60)).getValue().steps();
        assertThat(together).hasSize(STEPS);
        try (Trainer alone = new Trainer(variant(i), manager)) {
          for (StepRecord step : together) {
            StepRecord expected = alone.step().orElseThrow();
            assertThat(step.loss())
                .as("session %d step %d", i, step.step())
                .isEqualTo(expected.loss());
            assertThat(step.gradient())
                .as("session %d (%s) step %d gradient", i, variant(i), step.step())
                .containsExactly(expected.gradient());
            assertThat(step.params())
                .as("session %d step %d params", i, step.step())
                .containsExactly(expected.params());
          }
        }
      }
    }
  }
}
