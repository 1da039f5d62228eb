package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session that came back from its journal gives the same history as before, and the state at any
 * past step, recomputed from the nearest checkpoint with the inputs made on the way.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  // Checkpoints every few milliseconds, so a run leaves many points to replay from.
  @JUnit5TestKit
  final ActorTestKit testKit =
      EntityTestKit.create(
          "replay-" + UUID.randomUUID(), Map.of("downhill.session.checkpoint-interval", "5ms"));

  final SessionSettings settings = SessionSettings.from(testKit.system().settings().config());
  final NDManager manager = NDManager.newBaseManager();

  @AfterAll
  void close() {
    EntityTestKit.closeWhenTerminated(testKit, manager);
  }

  private <T> T ask(
      ActorRef<Session.Command> session,
      java.util.function.Function<ActorRef<StatusReply<T>>, Session.Command> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    session.tell(command.apply(probe.ref()));
    return probe.receiveMessage(WAIT).getValue();
  }

  @Test
  void historyAndPastStepsAreTheSameAfterAComeback() {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = testKit.spawn(Session.create(id, null, settings, manager));
    String token =
        this.<Session.Created>ask(first, r -> new Session.Create(Presets.notebook(), r)).token();
    List<StepRecord> made = new ArrayList<>();
    made.addAll(this.<Session.Stepped>ask(first, r -> new Session.Step(token, 3000, r)).steps());
    this.<Snapshot>ask(first, r -> new Session.SetParams(token, new double[] {2, 3, 4}, r));
    this.<Snapshot>ask(first, r -> new Session.SetLearningRate(token, 0.002, r));
    made.addAll(this.<Session.Stepped>ask(first, r -> new Session.Step(token, 2000, r)).steps());
    StepHistory.History before = this.<StepHistory.History>ask(first, Session.GetHistory::all);

    first.tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(first, WAIT);
    ActorRef<Session.Command> back = testKit.spawn(Session.create(id, null, settings, manager));

    assertThat(this.<Snapshot>ask(back, Session.GetState::new).step()).isEqualTo(5000);
    StepHistory.History after = this.<StepHistory.History>ask(back, Session.GetHistory::all);
    assertThat(after.steps()).containsExactly(before.steps());
    assertThat(after.loss()).containsExactly(before.loss());
    assertThat(after.lr()).containsExactly(before.lr());
    for (int i = 0; i < after.steps().length; i++) {
      assertThat(after.params()[i]).containsExactly(before.params()[i]);
      assertThat(after.grad()[i]).containsExactly(before.grad()[i]);
    }
    for (long step : new long[] {1, 2999, 3000, 3001, 4321, 5000}) {
      StepRecord at = this.<StepRecord>ask(back, r -> new Session.GetAt(step, r));
      StepRecord expected = made.get((int) step - 1);
      assertThat(at.step()).isEqualTo(step);
      assertThat(at.loss()).isEqualTo(expected.loss());
      assertThat(at.params()).containsExactly(expected.params());
      assertThat(at.gradient()).containsExactly(expected.gradient());
      assertThat(at.learningRate()).isEqualTo(expected.learningRate());
    }
    StepRecord start = this.<StepRecord>ask(back, r -> new Session.GetAt(0, r));
    assertThat(start.params()).containsExactly(1.1, 1.2, 1.3);
    assertThat(Math.round(start.loss() * 1e4) / 1e4).isEqualTo(4.4666);
  }

  @Test
  void aPageRecomputedFromTheJournalIsThatSliceOfTheKeptSteps() {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = testKit.spawn(Session.create(id, null, settings, manager));
    String token =
        this.<Session.Created>ask(first, r -> new Session.Create(Presets.notebook(), r)).token();
    this.<Session.Stepped>ask(first, r -> new Session.Step(token, 500, r));
    StepHistory.History kept =
        this.<StepHistory.History>ask(first, r -> new Session.GetHistory(200, 50, r));

    first.tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(first, WAIT);
    ActorRef<Session.Command> back = testKit.spawn(Session.create(id, null, settings, manager));

    StepHistory.History replayed =
        this.<StepHistory.History>ask(back, r -> new Session.GetHistory(200, 50, r));
    assertThat(replayed.steps()).hasSize(50).containsExactly(kept.steps());
    assertThat(replayed.steps()[0]).isEqualTo(200);
    assertThat(replayed.recorded()).isEqualTo(500);
    assertThat(replayed.dropped()).isEqualTo(kept.dropped());
    assertThat(replayed.loss()).containsExactly(kept.loss());
    for (int i = 0; i < replayed.steps().length; i++) {
      assertThat(replayed.params()[i]).containsExactly(kept.params()[i]);
      assertThat(replayed.grad()[i]).containsExactly(kept.grad()[i]);
    }
    StepHistory.History beyond =
        this.<StepHistory.History>ask(back, r -> new Session.GetHistory(501, 50, r));
    assertThat(beyond.steps()).isEmpty();
    assertThat(beyond.recorded()).isEqualTo(500);
  }

  @Test
  void pastStepsAcrossHandEditsOfThePointsAreTheOnesMade() {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> first = testKit.spawn(Session.create(id, null, settings, manager));
    String token =
        this.<Session.Created>ask(
                first,
                r ->
                    new Session.Create(
                        Presets.relu().withData(Presets.relu().data().withValidationFraction(0.25)),
                        r))
            .token();
    List<StepRecord> made = new ArrayList<>();
    made.addAll(this.<Session.Stepped>ask(first, r -> new Session.Step(token, 1500, r)).steps());
    this.<Snapshot>ask(first, r -> new Session.AddPoint(token, 0.3, 15, r));
    this.<Snapshot>ask(first, r -> new Session.RemovePoint(token, 2, r));
    made.addAll(this.<Session.Stepped>ask(first, r -> new Session.Step(token, 1500, r)).steps());
    this.<Snapshot>ask(first, r -> new Session.MovePoint(token, 0, -1.9, 0, r));
    made.addAll(this.<Session.Stepped>ask(first, r -> new Session.Step(token, 500, r)).steps());

    first.tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(first, WAIT);
    ActorRef<Session.Command> back = testKit.spawn(Session.create(id, null, settings, manager));

    StepHistory.History after = this.<StepHistory.History>ask(back, Session.GetHistory::all);
    assertThat(after.steps()).hasSize(3500);
    for (int i = 0; i < 3500; i++) {
      assertThat(after.loss()[i]).isEqualTo(made.get(i).loss());
      assertThat(after.validationLoss()[i]).isEqualTo(made.get(i).validationLoss());
      assertThat(after.params()[i]).containsExactly(made.get(i).params());
    }
    for (long step : new long[] {1, 1500, 1501, 2999, 3000, 3001, 3500}) {
      StepRecord at = this.<StepRecord>ask(back, r -> new Session.GetAt(step, r));
      StepRecord expected = made.get((int) step - 1);
      assertThat(at.loss()).isEqualTo(expected.loss());
      assertThat(at.validationLoss()).isEqualTo(expected.validationLoss());
      assertThat(at.params()).containsExactly(expected.params());
      assertThat(at.gradient()).containsExactly(expected.gradient());
    }
  }
}
