package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.model.DefaultInit;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.optim.LearningRateSchedule;
import io.downhill.numerics.optim.OptimizerSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session that leaves memory and comes back from its journal goes on exactly: N steps straight
 * give the same trajectory as k steps, a new actor, and N − k steps, for every model, loss,
 * optimizer and schedule, with and without the lesson's gradient accumulation.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRecoveryTest {
  @JUnit5TestKit final ActorTestKit testKit = EntityTestKit.create();
  final SessionSettings settings = SessionSettings.from(testKit.system().settings().config());
  final NDManager manager = NDManager.newBaseManager();

  @AfterAll
  void close() {
    EntityTestKit.closeWhenTerminated(testKit, manager);
  }

  static Stream<TrainingSpec> specs() {
    TrainingSpec n = Presets.notebook();
    List<TrainingSpec> specs = new ArrayList<>();
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      for (Loss loss : Loss.values()) {
        for (boolean accumulate : new boolean[] {true, false}) {
          specs.add(
              new TrainingSpec(
                  n.data(),
                  n.model(),
                  loss,
                  n.optimizer().withKind(kind),
                  0.01,
                  new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 3, 0.5, 1000, 0),
                  accumulate,
                  n.init(),
                  n.gradients()));
        }
      }
    }
    specs.add(Presets.relu());
    for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
      specs.add(network(List.of(4, 3), kind, kind == OptimizerSpec.Kind.SGD));
    }
    specs.add(network(List.of(3, 2, 2), OptimizerSpec.Kind.ADAM, true));
    specs.add(Presets.relu().withData(Presets.relu().data().withValidationFraction(0.3)));
    return specs.stream();
  }

  /** A network on the notebook's data from its seeded start. */
  private static TrainingSpec network(
      List<Integer> hidden, OptimizerSpec.Kind kind, boolean accumulate) {
    TrainingSpec n = Presets.notebook();
    ModelSpec model = ModelSpec.mlp(hidden);
    return new TrainingSpec(
        n.data(),
        model,
        Loss.MSE,
        n.optimizer().withKind(kind),
        0.001,
        LearningRateSchedule.constant(),
        accumulate,
        DefaultInit.forModel(model, n.data()),
        n.gradients());
  }

  private ActorRef<Session.Command> spawn(String id) {
    return testKit.spawn(Session.create(id, null, settings, manager));
  }

  private String create(ActorRef<Session.Command> session, TrainingSpec spec) {
    TestProbe<StatusReply<Session.Created>> probe = testKit.createTestProbe();
    session.tell(new Session.Create(spec, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue().token();
  }

  private List<StepRecord> step(ActorRef<Session.Command> session, String token, int n) {
    TestProbe<StatusReply<Session.Stepped>> probe = testKit.createTestProbe();
    session.tell(new Session.Step(token, n, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue().steps();
  }

  private void leave(ActorRef<Session.Command> session) {
    session.tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(session, Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void fourStepsAComebackAndFiveMoreEqualNineStraight(TrainingSpec spec) {
    ActorRef<Session.Command> straight = spawn(UUID.randomUUID().toString());
    List<StepRecord> expected = step(straight, create(straight, spec), 9);

    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = spawn(id);
    String token = create(first, spec);
    List<StepRecord> actual = new ArrayList<>(step(first, token, 4));
    leave(first);
    actual.addAll(step(spawn(id), token, 5));

    assertThat(actual).hasSize(9);
    for (int i = 0; i < 9; i++) {
      assertThat(actual.get(i).step()).isEqualTo(expected.get(i).step());
      assertThat(actual.get(i).loss()).isEqualTo(expected.get(i).loss());
      assertThat(actual.get(i).gradient()).containsExactly(expected.get(i).gradient());
      assertThat(actual.get(i).params()).containsExactly(expected.get(i).params());
      assertThat(actual.get(i).learningRate()).isEqualTo(expected.get(i).learningRate());
      // Bit for bit: NaN (no held-out points) included.
      assertThat(Double.doubleToRawLongBits(actual.get(i).validationLoss()))
          .isEqualTo(Double.doubleToRawLongBits(expected.get(i).validationLoss()));
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void pointsEditedByHandLandAtTheirStepAcrossAComeback(TrainingSpec spec) {
    ActorRef<Session.Command> straight = spawn(UUID.randomUUID().toString());
    String straightToken = create(straight, spec);
    step(straight, straightToken, 3);
    edit(straight, r -> new Session.AddPoint(straightToken, 0.5, 12, r));
    edit(straight, r -> new Session.MovePoint(straightToken, 1, -1, 2, r));
    List<StepRecord> expected = step(straight, straightToken, 4);

    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = spawn(id);
    String token = create(first, spec);
    step(first, token, 3);
    edit(first, r -> new Session.AddPoint(token, 0.5, 12, r));
    edit(first, r -> new Session.MovePoint(token, 1, -1, 2, r));
    leave(first);
    List<StepRecord> actual = step(spawn(id), token, 4);

    for (int i = 0; i < 4; i++) {
      assertThat(actual.get(i).step()).isEqualTo(expected.get(i).step());
      assertThat(actual.get(i).loss()).isEqualTo(expected.get(i).loss());
      assertThat(actual.get(i).params()).containsExactly(expected.get(i).params());
    }
  }

  private void edit(
      ActorRef<Session.Command> session,
      java.util.function.Function<ActorRef<StatusReply<Snapshot>>, Session.Command> command) {
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    session.tell(command.apply(probe.ref()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).isSuccess()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void inputsLandAtTheirStepAcrossAComeback(TrainingSpec spec) {
    double[] edited = spec.init();
    edited[0] += 0.5;
    ActorRef<Session.Command> straight = spawn(UUID.randomUUID().toString());
    String straightToken = create(straight, spec);
    step(straight, straightToken, 3);
    setParams(straight, straightToken, edited);
    List<StepRecord> expected = step(straight, straightToken, 4);

    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = spawn(id);
    String token = create(first, spec);
    step(first, token, 3);
    setParams(first, token, edited);
    leave(first);
    List<StepRecord> actual = step(spawn(id), token, 4);

    for (int i = 0; i < 4; i++) {
      assertThat(actual.get(i).step()).isEqualTo(expected.get(i).step());
      assertThat(actual.get(i).params()).containsExactly(expected.get(i).params());
    }
  }

  private void setParams(ActorRef<Session.Command> session, String token, double[] p) {
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    session.tell(new Session.SetParams(token, p, probe.ref()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).isSuccess()).isTrue();
  }
}
