package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A session with a validation share: its held-out points are never trained on, every step reports
 * their loss at the step's parameters, and both losses come back exactly from the journal.
 */
class HeldOutPointsTest {
  static final ActorTestKit testKit = EntityTestKit.create();
  static final SessionSettings settings =
      SessionSettings.from(testKit.system().settings().config());
  static final NDManager manager = NDManager.newBaseManager();
  static final Duration WAIT = Duration.ofSeconds(20);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
    manager.close();
  }

  private static <T> T ask(
      ActorRef<Session.Command> session, Function<ActorRef<StatusReply<T>>, Session.Command> c) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    session.tell(c.apply(probe.ref()));
    return probe.receiveMessage(WAIT).getValue();
  }

  private record Started(ActorRef<Session.Command> session, String id, String token) {}

  private static Started start(TrainingSpec spec) {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> session = testKit.spawn(Session.create(id, null, settings, manager));
    String token =
        HeldOutPointsTest.<Session.Created>ask(session, r -> new Session.Create(spec, r)).token();
    return new Started(session, id, token);
  }

  private static ActorRef<Session.Command> comeBack(Started s) {
    s.session().tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(s.session(), WAIT);
    return testKit.spawn(Session.create(s.id(), null, settings, manager));
  }

  /** The training and held-out losses a fresh trainer of {@code spec} gives at {@code params}. */
  private static double[] losses(TrainingSpec spec, double[] params) {
    try (Trainer trainer = new Trainer(spec, manager)) {
      return new double[] {trainer.evaluate(params), trainer.evaluateHeldOut(params)};
    }
  }

  @Test
  void heldOutPointsAreNotTrainedOnAndEachStepReportsTheirLoss() {
    TrainingSpec base = Presets.relu();
    TrainingSpec spec =
        new TrainingSpec(
            base.data().withValidationFraction(0.3),
            new ModelSpec(ModelSpec.Kind.RELU_SUM, 2),
            base.loss(),
            base.optimizer(),
            base.learningRate(),
            base.schedule(),
            base.accumulateGradients(),
            base.init(),
            base.gradients());
    Started s = start(spec);
    Session.Data data = HeldOutPointsTest.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).hasSize(14);
    assertThat(data.validationX()).hasSize(6);
    List<StepRecord> steps =
        HeldOutPointsTest.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 5, r))
            .steps();
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

    ActorRef<Session.Command> back = comeBack(s);
    List<StepRecord> more =
        HeldOutPointsTest.<Session.Stepped>ask(back, r -> new Session.Step(s.token(), 5, r))
            .steps();
    Started straight = start(spec);
    List<StepRecord> expected =
        HeldOutPointsTest.<Session.Stepped>ask(
                straight.session(), r -> new Session.Step(straight.token(), 10, r))
            .steps();
    for (int i = 0; i < 5; i++) {
      assertThat(more.get(i).loss()).isEqualTo(expected.get(5 + i).loss());
      assertThat(more.get(i).validationLoss()).isEqualTo(expected.get(5 + i).validationLoss());
    }
    StepHistory.History history =
        HeldOutPointsTest.<StepHistory.History>ask(back, Session.GetHistory::all);
    assertThat(history.validationLoss()[0]).isEqualTo(expected.get(0).validationLoss());
    assertThat(history.hasValidationLoss()).isTrue();
    StepRecord start = HeldOutPointsTest.<StepRecord>ask(back, r -> new Session.GetAt(0, r));
    assertThat(start.validationLoss()).isEqualTo(atStart[1]);
  }
}
