package io.downhill.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepTest {
  @JUnit5TestKit final ActorTestKit testKit = EntityTestKit.create();
  final Sweep.SweepSettings settings =
      Sweep.SweepSettings.from(testKit.system().settings().config());

  private static TrainingSpec variant(Loss loss, double lr) {
    TrainingSpec n = Presets.notebook();
    return new TrainingSpec(
        n.data(), n.model(), loss, n.optimizer(), lr, n.schedule(), false, n.init(), n.gradients());
  }

  @Test
  void everyVariantMatchesItsSingleSessionAndADivergingOneStopsAlone() {
    List<TrainingSpec> variants =
        List.of(
            variant(Loss.MAE, 0.001),
            variant(Loss.MAE, 0.01),
            variant(Loss.MAE, 0.1),
            variant(Loss.MSE, 0.01), // another shape: its own batch actor
            variant(Loss.MSE, 1e5)); // diverges
    try (NDManager manager = NDManager.newBaseManager()) {
      ActorRef<Sweep.Command> sweep = testKit.spawn(Sweep.create("w", null, settings, manager));
      TestProbe<StatusReply<Sweep.Created>> created = testKit.createTestProbe();
      sweep.tell(new Sweep.Create(new SweepSpec(variants, 400, Double.NaN), created.ref()));
      String token = created.receiveMessage(Duration.ofSeconds(10)).getValue().token();
      TestProbe<SweepEvent> events = testKit.createTestProbe();
      sweep.tell(new Sweep.Subscribe(events.ref(), false));
      assertThat(events.expectMessageClass(SweepEvent.StateChanged.class).state().variants())
          .hasSize(5);
      TestProbe<StatusReply<SweepState>> replies = testKit.createTestProbe();
      sweep.tell(new Sweep.Run(token, replies.ref()));
      assertThat(replies.receiveMessage(Duration.ofSeconds(10)).getValue().status())
          .isEqualTo(SweepState.Status.RUNNING);

      Map<Integer, double[]> curves = new HashMap<>();
      variants.forEach(v -> curves.put(curves.size(), new double[401]));
      SweepState finished = null;
      while (finished == null) {
        SweepEvent event = events.receiveMessage(Duration.ofSeconds(30));
        if (event instanceof SweepEvent.Progress progress) {
          for (int i = 0; i < progress.variants().length; i++) {
            for (int j = 0; j < progress.losses()[i].length; j++) {
              curves.get(progress.variants()[i])[(int) progress.fromStep() + j] =
                  progress.losses()[i][j];
            }
          }
        } else if (event instanceof SweepEvent.StateChanged changed
            && changed.change() == SweepEvent.Change.RUN_FINISHED) {
          finished = changed.state();
        }
      }
      assertThat(finished.status()).isEqualTo(SweepState.Status.FINISHED);
      for (int k = 0; k < 4; k++) {
        try (Trainer alone = new Trainer(variants.get(k), manager)) {
          for (int step = 1; step <= 400; step++) {
            StepRecord expected = alone.step().orElseThrow();
            assertThat(curves.get(k)[step])
                .isCloseTo(expected.loss(), within(1e-9 * (1 + expected.loss())));
          }
        }
        assertThat(finished.variants().get(k).status()).isEqualTo(VariantState.Status.FINISHED);
      }
      VariantState diverged = finished.variants().get(4);
      assertThat(diverged.status()).isEqualTo(VariantState.Status.DIVERGED);
      for (double p : diverged.params()) {
        assertThat(Double.isFinite(p)).isTrue();
      }

      TestProbe<StatusReply<Sweep.Curves>> curveProbe = testKit.createTestProbe();
      sweep.tell(new Sweep.GetCurves(curveProbe.ref()));
      Sweep.Curves exported = curveProbe.receiveMessage().getValue();
      assertThat(exported.steps()).hasSize(400);
      assertThat(exported.losses()[1][9]).isEqualTo(curves.get(1)[10]);
    }
  }

  @Test
  void aPacedSweepAdvancesAtItsPaceAndStillFinishes() {
    List<TrainingSpec> variants = List.of(variant(Loss.MAE, 0.01), variant(Loss.MSE, 0.01));
    try (NDManager manager = NDManager.newBaseManager()) {
      ActorRef<Sweep.Command> sweep = testKit.spawn(Sweep.create("paced", null, settings, manager));
      TestProbe<StatusReply<Sweep.Created>> created = testKit.createTestProbe();
      sweep.tell(new Sweep.Create(new SweepSpec(variants, 60, Double.NaN, 40), created.ref()));
      String token = created.receiveMessage(Duration.ofSeconds(10)).getValue().token();
      TestProbe<SweepEvent> events = testKit.createTestProbe();
      sweep.tell(new Sweep.Subscribe(events.ref(), false));
      assertThat(events.expectMessageClass(SweepEvent.StateChanged.class).state().stepsPerSecond())
          .isEqualTo(40);
      TestProbe<StatusReply<SweepState>> replies = testKit.createTestProbe();
      long started = System.nanoTime();
      sweep.tell(new Sweep.Run(token, replies.ref()));
      replies.receiveMessage(Duration.ofSeconds(10));

      // 60 lock-steps at 40 a second take about 1.5 s; unpaced they take milliseconds.
      long halfway = 0;
      SweepState finished = null;
      while (finished == null) {
        SweepEvent event = events.receiveMessage(Duration.ofSeconds(10));
        if (event instanceof SweepEvent.Progress progress
            && progress.toStep() >= 30
            && halfway == 0) {
          halfway = System.nanoTime() - started;
        } else if (event instanceof SweepEvent.StateChanged changed
            && changed.change() == SweepEvent.Change.RUN_FINISHED) {
          finished = changed.state();
        }
      }
      long took = System.nanoTime() - started;
      assertThat(finished.step()).isEqualTo(60);
      assertThat(finished.variants()).allMatch(v -> v.status() == VariantState.Status.FINISHED);
      assertThat(Duration.ofNanos(halfway))
          .isBetween(Duration.ofMillis(500), Duration.ofMillis(1200));
      assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(4));
    }
  }

  @Test
  void aPaceOutsideItsRangeIsRefusedNamingTheField() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ActorRef<Sweep.Command> sweep =
          testKit.spawn(Sweep.create("bad-pace", null, settings, manager));
      TestProbe<StatusReply<Sweep.Created>> created = testKit.createTestProbe();
      sweep.tell(
          new Sweep.Create(
              new SweepSpec(List.of(Presets.notebook()), 10, Double.NaN, -1), created.ref()));
      StatusReply<Sweep.Created> reply = created.receiveMessage(Duration.ofSeconds(10));
      assertThat(reply.isError()).isTrue();
      assertThat(io.downhill.access.Refused.of(reply.getError()).field())
          .isEqualTo("stepsPerSecond");
    }
  }
}
