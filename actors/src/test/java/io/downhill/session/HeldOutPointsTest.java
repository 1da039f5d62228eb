package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session with a validation share: its held-out points are never trained on, every step reports
 * their loss at the step's parameters, and both losses come back exactly from the journal.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldOutPointsTest {
  @JUnit5TestKit final ActorTestKit testKit = EntityTestKit.create();
  final NDManager manager = NDManager.newBaseManager();
  final SessionDriver sessions = new SessionDriver(testKit, manager);

  @AfterAll
  void close() {
    EntityTestKit.closeWhenTerminated(testKit, manager);
  }

  /** The training and held-out losses a fresh trainer of {@code spec} gives at {@code params}. */
  private double[] losses(TrainingSpec spec, double[] params) {
    try (Trainer trainer = new Trainer(spec, manager)) {
      return new double[] {trainer.evaluate(params), trainer.evaluateHeldOut(params)};
    }
  }

  @Test
  void heldOutPointsAreNotTrainedOnAndEachStepReportsTheirLoss() {
    TrainingSpec spec = Presets.relu().withData(Presets.relu().data().withValidationFraction(0.3));
    SessionDriver.Started s = sessions.start(spec);
    Session.Data data = sessions.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).hasSize(14);
    assertThat(data.validationX()).hasSize(6);
    List<StepRecord> steps =
        sessions.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 5, r)).steps();
    double[] atStart = losses(spec, spec.init());
    // The step sums its loss as a weighted sum, an evaluation as a mean: equal to the last bit or
    // so.
    assertThat(steps.get(0).loss()).isCloseTo(atStart[0], within(1e-12));
    assertThat(steps.get(0).validationLoss()).isEqualTo(atStart[1]);
    assertThat(steps.get(0).validationLoss()).isNotCloseTo(steps.get(0).loss(), within(1e-3));
    for (double x : data.validationX()) {
      assertThat(data.x()).doesNotContain(x);
    }
    assertThat(steps).allMatch(StepRecord::hasValidationLoss);

    ActorRef<Session.Command> back = sessions.comeBack(s);
    List<StepRecord> more =
        sessions.<Session.Stepped>ask(back, r -> new Session.Step(s.token(), 5, r)).steps();
    SessionDriver.Started straight = sessions.start(spec);
    List<StepRecord> expected =
        sessions
            .<Session.Stepped>ask(
                straight.session(), r -> new Session.Step(straight.token(), 10, r))
            .steps();
    for (int i = 0; i < 5; i++) {
      assertThat(more.get(i).loss()).isEqualTo(expected.get(5 + i).loss());
      assertThat(more.get(i).validationLoss()).isEqualTo(expected.get(5 + i).validationLoss());
    }
    StepHistory.History history = sessions.<StepHistory.History>ask(back, Session.GetHistory::all);
    assertThat(history.validationLoss()[0]).isEqualTo(expected.get(0).validationLoss());
    assertThat(history.hasValidationLoss()).isTrue();
    StepRecord start = sessions.<StepRecord>ask(back, r -> new Session.GetAt(0, r));
    assertThat(start.validationLoss()).isEqualTo(atStart[1]);
  }
}
