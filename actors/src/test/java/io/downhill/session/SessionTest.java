package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.numerics.loss.Loss;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session entity on a real JDBC journal, spawned directly (not sharded). */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTest {
  @JUnit5TestKit final ActorTestKit testKit = EntityTestKit.create();
  final SessionSettings settings = SessionSettings.from(testKit.system().settings().config());

  private NDManager manager;
  private final List<ActorRef<Session.Command>> spawned = new ArrayList<>();

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  /**
   * Stops this test's sessions before their manager closes: one still running (a long run) must
   * never find its arrays freed under it.
   */
  @AfterEach
  void close() {
    spawned.forEach(testKit::stop);
    spawned.clear();
    manager.close();
  }

  /** The session actor for {@code id}, stopped after the test. */
  private ActorRef<Session.Command> session(String id) {
    ActorRef<Session.Command> ref = testKit.spawn(Session.create(id, null, settings, manager));
    spawned.add(ref);
    return ref;
  }

  /** A created session: its actor and its owner token. */
  record Made(String id, ActorRef<Session.Command> ref, String token) {}

  private Made spawn(TrainingSpec spec) {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> ref = session(id);
    TestProbe<StatusReply<Session.Created>> probe = testKit.createTestProbe();
    ref.tell(new Session.Create(spec, probe.ref()));
    return new Made(id, ref, probe.receiveMessage(Duration.ofSeconds(10)).getValue().token());
  }

  /** The same session in a new actor: everything it knows comes from its journal. */
  private ActorRef<Session.Command> respawn(Made made) {
    made.ref().tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(made.ref(), Duration.ofSeconds(10));
    return session(made.id());
  }

  private static TrainingSpec notebookWith(Loss loss, double lr) {
    TrainingSpec n = Presets.notebook();
    return new TrainingSpec(
        n.data(), n.model(), loss, n.optimizer(), lr, n.schedule(), false, n.init(), n.gradients());
  }

  private Snapshot state(ActorRef<Session.Command> session) {
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    session.tell(new Session.GetState(probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  private Session.Stepped step(ActorRef<Session.Command> session, String token, int count) {
    TestProbe<StatusReply<Session.Stepped>> probe = testKit.createTestProbe();
    session.tell(new Session.Step(token, count, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  private Snapshot run(Made made, long count, double pace) {
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    made.ref().tell(new Session.Run(made.token(), count, pace, replies.ref()));
    return replies.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  private Snapshot pause(Made made) {
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    made.ref().tell(new Session.Pause(made.token(), replies.ref()));
    return replies.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  private static Refused refusal(StatusReply<?> reply) {
    assertThat(reply.isError()).isTrue();
    return Refused.of(reply.getError());
  }

  @Test
  void stepsAreTheTrainersStepsInOrder() {
    Made made = spawn(Presets.notebook());
    List<StepRecord> steps = step(made.ref(), made.token(), 600).steps();
    try (Trainer alone = new Trainer(Presets.notebook(), manager)) {
      assertThat(steps).hasSize(600);
      for (StepRecord step : steps) {
        StepRecord expected = alone.step().orElseThrow();
        assertThat(step.step()).isEqualTo(expected.step());
        assertThat(step.loss()).isEqualTo(expected.loss());
        assertThat(step.params()).containsExactly(expected.params());
      }
    }
    assertThat(state(made.ref()).step()).isEqualTo(600);
  }

  @Test
  void runPublishesEveryStepInBatchesWithConsecutiveSequenceNumbers() {
    Made made = spawn(Presets.notebook());
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    made.ref().tell(new Session.Subscribe(events.ref(), false));
    SessionEvent.StateChanged first = events.expectMessageClass(SessionEvent.StateChanged.class);
    assertThat(first.change()).isEqualTo(SessionEvent.Change.SUBSCRIBED);

    assertThat(run(made, 2000, 0).status()).isEqualTo(Status.RUNNING);

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
    Made made = spawn(Presets.notebook());
    run(made, 10_000_000, 0);
    Snapshot paused = pause(made);
    assertThat(paused.status()).isEqualTo(Status.IDLE);
    assertThat(paused.step()).isLessThan(10_000_000);
    assertThat(state(made.ref()).step()).isEqualTo(paused.step());
  }

  @Test
  void newLearningRateTakesEffectInTheMiddleOfARun() {
    Made made = spawn(Presets.notebook());
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    made.ref().tell(new Session.Subscribe(events.ref(), false));
    run(made, 10_000_000, 0);
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    made.ref().tell(new Session.SetLearningRate(made.token(), 0.0025, replies.ref()));
    assertThat(replies.receiveMessage(Duration.ofSeconds(10)).getValue().learningRate())
        .isEqualTo(0.0025);
    boolean sawNewRate = false;
    while (!sawNewRate) {
      if (events.receiveMessage(Duration.ofSeconds(10)) instanceof SessionEvent.Stepped stepped) {
        sawNewRate = stepped.steps().get(0).learningRate() == 0.0025;
      }
    }
    pause(made);
  }

  @Test
  void pacedRunIsUnderWayWhenItsReplyComes() {
    Made made = spawn(Presets.notebook());
    Snapshot started = run(made, 1000, 100);
    assertThat(started.status()).isEqualTo(Status.RUNNING);
    assertThat(started.runRemaining()).isEqualTo(1000);
    pause(made);
  }

  @Test
  void evaluateChangesNothing() {
    Made made = spawn(Presets.notebook());
    step(made.ref(), made.token(), 3);
    Snapshot before = state(made.ref());
    TestProbe<StatusReply<Session.Evaluation>> probe = testKit.createTestProbe();
    made.ref().tell(new Session.Evaluate(new double[] {1.1, 1.1, 1.1}, probe.ref()));
    Session.Evaluation evaluation = probe.receiveMessage().getValue();
    assertThat(Math.round(evaluation.loss() * 1e4) / 1e4).isEqualTo(4.6392);
    assertThat(evaluation.curveX()).hasSize(Trainer.CURVE_POINTS);
    Snapshot after = state(made.ref());
    assertThat(after.params()).containsExactly(before.params());
    assertThat(after.step()).isEqualTo(before.step());
    assertThat(after.seq()).isEqualTo(before.seq());
  }

  @Test
  void evaluateGivesTheGradientAtTheParametersWithoutStepping() {
    Made made = spawn(Presets.notebook());
    step(made.ref(), made.token(), 2); // the session's own gradient is now a sum of two
    TestProbe<StatusReply<Session.Evaluation>> probe = testKit.createTestProbe();
    made.ref().tell(new Session.Evaluate(new double[] {1.1, 1.2, 1.3}, probe.ref()));
    double[] grad = probe.receiveMessage().getValue().grad();
    // The lesson: loss.backward(); abc.grad → tensor([-1.4194, 0.0737, -0.9000]).
    assertThat(grad).hasSize(3);
    assertThat(Math.round(grad[0] * 1e4) / 1e4).isEqualTo(-1.4194);
    assertThat(Math.round(grad[1] * 1e4) / 1e4).isEqualTo(0.0737);
    assertThat(Math.round(grad[2] * 1e4) / 1e4).isEqualTo(-0.9);
    assertThat(state(made.ref()).step()).isEqualTo(2);
  }

  @Test
  void restartIsAFreshStartThatResetReturnsTo() {
    Made made = spawn(Presets.notebook());
    step(made.ref(), made.token(), 2);
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    double[] chosen = {3, 4, 5};
    made.ref().tell(new Session.Restart(made.token(), chosen, replies.ref()));
    Snapshot restarted = replies.receiveMessage(Duration.ofSeconds(10)).getValue();
    assertThat(restarted.step()).isZero();
    assertThat(restarted.params()).containsExactly(chosen);
    assertThat(restarted.gradient()).containsOnly(0.0);
    assertThat(restarted.accumulateGradients()).isTrue();

    // The first step from there uses the gradient at 3, 4, 5 alone, not the old sum.
    List<StepRecord> first = step(made.ref(), made.token(), 1).steps();
    try (Trainer alone = new Trainer(Presets.notebook().withInit(chosen), manager)) {
      assertThat(first.get(0).gradient()).containsExactly(alone.step().orElseThrow().gradient());
    }
    made.ref().tell(new Session.Reset(made.token(), replies.ref()));
    Snapshot reset = replies.receiveMessage(Duration.ofSeconds(10)).getValue();
    assertThat(reset.step()).isZero();
    assertThat(reset.params()).containsExactly(chosen);
    assertThat(state(respawn(made)).params()).containsExactly(chosen);
  }

  @Test
  void restartRefusesBadParametersNamingTheField() {
    Made made = spawn(Presets.notebook());
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    made.ref().tell(new Session.Restart(made.token(), new double[] {1, 2}, replies.ref()));
    assertThat(refusal(replies.receiveMessage()).field()).isEqualTo("params");
    made.ref()
        .tell(new Session.Restart(made.token(), new double[] {1, Double.NaN, 3}, replies.ref()));
    assertThat(refusal(replies.receiveMessage()).field()).isEqualTo("params[1]");
    made.ref().tell(new Session.Restart("not the token", new double[] {1, 2, 3}, replies.ref()));
    assertThat(refusal(replies.receiveMessage()).field()).isEqualTo("Authorization");
    assertThat(state(made.ref()).params()).containsExactly(1.1, 1.2, 1.3);
  }

  @Test
  void badParametersAreRefusedNamingTheFieldAndChangeNothing() {
    Made made = spawn(Presets.notebook());
    Snapshot before = state(made.ref());
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    made.ref()
        .tell(new Session.SetParams(made.token(), new double[] {1, Double.NaN, 3}, probe.ref()));
    assertThat(refusal(probe.receiveMessage()).field()).isEqualTo("params[1]");
    made.ref().tell(new Session.SetParams(made.token(), new double[] {1, 2}, probe.ref()));
    assertThat(refusal(probe.receiveMessage()).field()).isEqualTo("params");
    made.ref()
        .tell(new Session.SetLearningRate(made.token(), Double.POSITIVE_INFINITY, probe.ref()));
    assertThat(refusal(probe.receiveMessage()).field()).isEqualTo("lr");
    TestProbe<StatusReply<Session.Stepped>> stepProbe = testKit.createTestProbe();
    made.ref().tell(new Session.Step(made.token(), -1, stepProbe.ref()));
    assertThat(refusal(stepProbe.receiveMessage()).field()).isEqualTo("count");
    Snapshot after = state(made.ref());
    assertThat(after.params()).containsExactly(before.params());
    assertThat(after.learningRate()).isEqualTo(before.learningRate());
    assertThat(after.seq()).isEqualTo(before.seq());
  }

  @Test
  void onlyTheOwnersTokenDrivesTheSession() {
    Made made = spawn(Presets.notebook());
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    made.ref().tell(new Session.SetParams("not-the-token", new double[] {3, 4, 5}, probe.ref()));
    Refused refused = refusal(probe.receiveMessage());
    assertThat(refused.kind()).isEqualTo(Refused.Kind.FORBIDDEN);
    assertThat(refused.field()).isEqualTo("Authorization");
    made.ref().tell(new Session.Reset(null, probe.ref()));
    assertThat(refusal(probe.receiveMessage()).kind()).isEqualTo(Refused.Kind.FORBIDDEN);
    assertThat(state(made.ref()).params()).containsExactly(1.1, 1.2, 1.3);
  }

  @Test
  void aSessionThatWasNeverCreatedIsNotFound() {
    ActorRef<Session.Command> ghost = session("never-made");
    TestProbe<StatusReply<Snapshot>> probe = testKit.createTestProbe();
    ghost.tell(new Session.GetState(probe.ref()));
    assertThat(refusal(probe.receiveMessage()).kind()).isEqualTo(Refused.Kind.NOT_FOUND);
    testKit.createTestProbe().expectTerminated(ghost, Duration.ofSeconds(5));
  }

  @Test
  void divergingRunStopsAndReportsWithFiniteValues() {
    Made made = spawn(notebookWith(Loss.MSE, 1e6));
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    made.ref().tell(new Session.Subscribe(events.ref(), false));
    events.receiveMessage();
    run(made, 1000, 0);
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
  void deleteEndsTheSessionForGoodAndClosesItsTensors() {
    Made made = spawn(Presets.notebook());
    step(made.ref(), made.token(), 5);
    assertThat(manager.getManagedArrays()).isNotEmpty();
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    made.ref().tell(new Session.Delete(made.token(), probe.ref()));
    assertThat(probe.receiveMessage(Duration.ofSeconds(10)).isSuccess()).isTrue();
    testKit.createTestProbe().expectTerminated(made.ref(), Duration.ofSeconds(5));
    assertThat(manager.getManagedArrays()).isEmpty();
    ActorRef<Session.Command> again = session(made.id());
    TestProbe<StatusReply<Snapshot>> state = testKit.createTestProbe();
    again.tell(new Session.GetState(state.ref()));
    assertThat(refusal(state.receiveMessage(Duration.ofSeconds(10))).kind())
        .isEqualTo(Refused.Kind.NOT_FOUND);
  }

  @Test
  void aFailedSessionComesBackFromItsJournalAndItsWatchersAreToldOnRenewal() {
    Made made = spawn(Presets.notebook());
    int fresh = manager.getManagedArrays().size();
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    made.ref().tell(new Session.Subscribe(events.ref(), false));
    events.receiveMessage();
    step(made.ref(), made.token(), 5);
    made.ref().tell(new Session.InjectFailure(0));
    // The restarted session knows nothing of its subscribers until they renew.
    made.ref().tell(new Session.Subscribe(events.ref(), true));
    SessionEvent event = events.receiveMessage(Duration.ofSeconds(10));
    while (!(event instanceof SessionEvent.StateChanged changed
        && changed.change() == SessionEvent.Change.RECOVERED)) {
      event = events.receiveMessage(Duration.ofSeconds(10));
    }
    assertThat(((SessionEvent.StateChanged) event).snapshot().step()).isEqualTo(5);
    assertThat(manager.getManagedArrays()).hasSize(fresh);
    assertThat(step(made.ref(), made.token(), 2).steps().get(1).step()).isEqualTo(7);
  }

  @Test
  void aRunningSessionResumesItsRunWhenItComesBack() {
    Made made = spawn(Presets.notebook());
    run(made, 1_000_000, 200);
    ActorRef<Session.Command> back = respawn(made);
    Snapshot resumed = state(back);
    assertThat(resumed.status()).isEqualTo(Status.RUNNING);
    assertThat(resumed.runRemaining()).isLessThanOrEqualTo(1_000_000).isPositive();
    TestProbe<StatusReply<Snapshot>> replies = testKit.createTestProbe();
    back.tell(new Session.Pause(made.token(), replies.ref()));
    assertThat(replies.receiveMessage(Duration.ofSeconds(10)).getValue().status())
        .isEqualTo(Status.IDLE);
  }

  @Test
  void aSessionThatKeepsFailingStopsWithAFailedStateInsteadOfRestartingForEver() {
    Made made = spawn(Presets.notebook());
    step(made.ref(), made.token(), 3);
    // It fails now, and again on each of the next two recoveries: a fault that comes back.
    made.ref().tell(new Session.InjectFailure(2));
    TestProbe<SessionEvent> events = testKit.createTestProbe();
    TestProbe<StatusReply<Snapshot>> states = testKit.createTestProbe();
    Snapshot failed =
        states.awaitAssert(
            Duration.ofSeconds(20),
            Duration.ofMillis(200),
            () -> {
              made.ref().tell(new Session.GetState(states.ref()));
              Snapshot now = states.receiveMessage(Duration.ofSeconds(5)).getValue();
              assertThat(now.status()).isEqualTo(Status.FAILED);
              return now;
            });
    assertThat(failed.failure()).contains("failed 3 times").contains("injected failure");
    assertThat(failed.step()).isEqualTo(3);
    assertThat(failed.params()).hasSize(3);
    // A watcher that renews its subscription hears of the failure.
    made.ref().tell(new Session.Subscribe(events.ref(), true));
    SessionEvent.StateChanged seen = (SessionEvent.StateChanged) events.receiveMessage();
    assertThat(seen.snapshot().status()).isEqualTo(Status.FAILED);
    // Commands that need a trainer are refused, naming the failure; reset starts over.
    TestProbe<StatusReply<Session.Stepped>> stepped = testKit.createTestProbe();
    made.ref().tell(new Session.Step(made.token(), 1, stepped.ref()));
    Refused refused = refusal(stepped.receiveMessage(Duration.ofSeconds(5)));
    assertThat(refused.kind()).isEqualTo(Refused.Kind.CONFLICT);
    assertThat(refused.message()).contains("failed").contains("reset or delete");
    made.ref().tell(new Session.Reset(made.token(), states.ref()));
    Snapshot reset = states.receiveMessage(Duration.ofSeconds(10)).getValue();
    assertThat(reset.status()).isEqualTo(Status.IDLE);
    assertThat(reset.failure()).isNull();
    assertThat(step(made.ref(), made.token(), 2).steps().get(1).step()).isEqualTo(2);
    // The failure and the reset are in the journal: a session back from it is not failed.
    assertThat(state(respawn(made)).status()).isEqualTo(Status.IDLE);
  }
}
