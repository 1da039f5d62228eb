package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {
  static final ActorTestKit testKit = ActorTestKit.create();
  static final SessionSettings settings =
      SessionSettings.from(testKit.system().settings().config());

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private ActorRef<Session.Command> spawn(TrainingSpec spec) {
    return testKit.spawn(Session.create("s", spec, settings, manager));
  }

  private static TrainingSpec notebookWith(Loss loss, double lr) {
    TrainingSpec n = Presets.notebook();
    return new TrainingSpec(
        n.data(), n.model(), loss, n.optimizer(), lr, n.schedule(), false, n.init(), n.gradients());
  }

  private Snapshot state(ActorRef<Session.Command> session) {
    TestProbe<Snapshot> probe = testKit.createTestProbe();
    session.tell(new Session.GetState(probe.ref()));
    return probe.receiveMessage();
  }

  private Session.Stepped step(ActorRef<Session.Command> session, int count) {
    TestProbe<StatusReply<Session.Stepped>> probe = testKit.createTestProbe();
    session.tell(new Session.Step(count, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  @Test
  void stepsAreTheTrainersStepsInOrder() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    List<StepRecord> steps = step(session, 600).steps();
    try (Trainer alone = new Trainer(Presets.notebook(), manager)) {
      assertThat(steps).hasSize(600);
      for (StepRecord step : steps) {
        StepRecord expected = alone.step().orElseThrow();
        assertThat(step.step()).isEqualTo(expected.step());
        assertThat(step.loss()).isEqualTo(expected.loss());
        assertThat(step.params()).containsExactly(expected.params());
      }
    }
    assertThat(state(session).step()).isEqualTo(600);
  }

  @Test
  void runPublishesEveryStepInBatchesWithConsecutiveSequenceNumbers() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    session.tell(new Session.Subscribe(events.ref()));
    SessionEvent.StateChanged first = events.expectMessageClass(SessionEvent.StateChanged.class);
    assertThat(first.change()).isEqualTo(SessionEvent.Change.SUBSCRIBED);

    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    session.tell(new Session.Run(2000, 0, replies.ref()));
    assertThat(replies.receiveMessage().getValue().status()).isEqualTo(Status.RUNNING);

    long seq = first.seq();
    long steps = 0;
    int batches = 0;
    SessionEvent event;
    do {
      event = events.receiveMessage(Duration.ofSeconds(10));
      assertThat(event.seq()).isEqualTo(++seq);
      if (event instanceof SessionEvent.Stepped stepped) {
        for (StepRecord record : stepped.steps()) {
          assertThat(record.step()).isEqualTo(++steps);
        }
        batches++;
      }
    } while (!(event instanceof SessionEvent.StateChanged changed
        && changed.change() == SessionEvent.Change.RUN_FINISHED));
    assertThat(steps).isEqualTo(2000);
    assertThat(batches).isLessThan(2000).isGreaterThan(1);
  }

  @Test
  void pauseStopsARunAtOnce() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    session.tell(new Session.Run(10_000_000, 0, replies.ref()));
    replies.receiveMessage();
    session.tell(new Session.Pause(replies.ref()));
    Snapshot paused = replies.receiveMessage().getValue();
    assertThat(paused.status()).isEqualTo(Status.IDLE);
    assertThat(paused.step()).isLessThan(10_000_000);
    assertThat(state(session).step()).isEqualTo(paused.step());
  }

  @Test
  void newLearningRateTakesEffectInTheMiddleOfARun() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    session.tell(new Session.Subscribe(events.ref()));
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    session.tell(new Session.Run(10_000_000, 0, replies.ref()));
    replies.receiveMessage();
    session.tell(new Session.SetLearningRate(0.0025, replies.ref()));
    assertThat(replies.receiveMessage().getValue().learningRate()).isEqualTo(0.0025);
    boolean sawNewRate = false;
    while (!sawNewRate) {
      if (events.receiveMessage(Duration.ofSeconds(10)) instanceof SessionEvent.Stepped stepped) {
        sawNewRate = stepped.steps().get(0).learningRate() == 0.0025;
      }
    }
    session.tell(new Session.Pause(replies.ref()));
    replies.receiveMessage();
  }

  @Test
  void pacedRunAdvancesAtAboutItsRate() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    session.tell(new Session.Run(1000, 100, replies.ref()));
    replies.receiveMessage();
    assertThat(state(session).step()).isLessThan(1000);
    session.tell(new Session.Pause(replies.ref()));
    replies.receiveMessage();
  }

  @Test
  void evaluateChangesNothing() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    step(session, 3);
    Snapshot before = state(session);
    TestProbe<StatusReply<Session.Evaluation>> probe = testKit.createTestProbe();
    session.tell(new Session.Evaluate(new double[] {1.1, 1.1, 1.1}, probe.ref()));
    Session.Evaluation evaluation = probe.receiveMessage().getValue();
    assertThat(Math.round(evaluation.loss() * 1e4) / 1e4).isEqualTo(4.6392);
    assertThat(evaluation.curveX()).hasSize(Trainer.CURVE_POINTS);
    Snapshot after = state(session);
    assertThat(after.params()).containsExactly(before.params());
    assertThat(after.step()).isEqualTo(before.step());
    assertThat(after.seq()).isEqualTo(before.seq());
  }

  @Test
  void badParametersAreRefusedNamingTheFieldAndChangeNothing() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    Snapshot before = state(session);
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    session.tell(new Session.SetParams(new double[] {1, Double.NaN, 3}, probe.ref()));
    Refused refused = (Refused) probe.receiveMessage().getError();
    assertThat(refused.field()).isEqualTo("params[1]");
    session.tell(new Session.SetParams(new double[] {1, 2}, probe.ref()));
    assertThat(((Refused) probe.receiveMessage().getError()).field()).isEqualTo("params");
    session.tell(new Session.SetLearningRate(Double.POSITIVE_INFINITY, probe.ref()));
    assertThat(((Refused) probe.receiveMessage().getError()).field()).isEqualTo("lr");
    TestProbe<StatusReply<Session.Stepped>> stepProbe = testKit.createTestProbe();
    session.tell(new Session.Step(-1, stepProbe.ref()));
    assertThat(((Refused) stepProbe.receiveMessage().getError()).field()).isEqualTo("count");
    Snapshot after = state(session);
    assertThat(after.params()).containsExactly(before.params());
    assertThat(after.learningRate()).isEqualTo(before.learningRate());
    assertThat(after.seq()).isEqualTo(before.seq());
  }

  @Test
  void divergingRunStopsAndReportsWithFiniteValues() {
    ActorRef<Session.Command> session = spawn(notebookWith(Loss.MSE, 1e6));
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    session.tell(new Session.Subscribe(events.ref()));
    events.receiveMessage();
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    session.tell(new Session.Run(1000, 0, replies.ref()));
    replies.receiveMessage();
    List<StepRecord> seen = new ArrayList<>();
    SessionEvent event;
    do {
      event = events.receiveMessage(Duration.ofSeconds(10));
      if (event instanceof SessionEvent.Stepped stepped) {
        seen.addAll(stepped.steps());
      }
    } while (!(event instanceof SessionEvent.StateChanged changed
        && changed.change() == SessionEvent.Change.DIVERGED));
    Snapshot diverged = ((SessionEvent.StateChanged) event).snapshot();
    assertThat(diverged.status()).isEqualTo(Status.DIVERGED);
    assertThat(diverged.divergence()).isNotNull();
    assertThat(seen).allSatisfy(s -> assertThat(Double.isFinite(s.loss())).isTrue());
    for (double p : diverged.params()) {
      assertThat(Double.isFinite(p)).isTrue();
    }
  }

  @Test
  void stoppingClosesTheSessionsTensors() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    step(session, 5);
    assertThat(manager.getManagedArrays()).isNotEmpty();
    session.tell(Session.Stop.INSTANCE);
    testKit.createTestProbe().expectTerminated(session, Duration.ofSeconds(5));
    assertThat(manager.getManagedArrays()).isEmpty();
  }

  @Test
  void restartClosesTheOldTensorsAndKeepsSubscribers() {
    ActorRef<Session.Command> session = spawn(Presets.notebook());
    int fresh = manager.getManagedArrays().size();
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    session.tell(new Session.Subscribe(events.ref()));
    events.receiveMessage();
    step(session, 5);
    session.tell(new Session.InjectFailure());
    SessionEvent event = events.receiveMessage();
    while (!(event instanceof SessionEvent.StateChanged changed
        && changed.change() == SessionEvent.Change.RESTARTED)) {
      event = events.receiveMessage();
    }
    SessionEvent.StateChanged restarted = (SessionEvent.StateChanged) event;
    assertThat(restarted.snapshot().step()).isZero();
    assertThat(manager.getManagedArrays()).hasSize(fresh);
    assertThat(step(session, 2).steps()).hasSize(2);
  }
}
