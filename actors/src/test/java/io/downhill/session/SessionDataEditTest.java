package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.downhill.access.Refused;
import io.downhill.numerics.data.Dataset;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.Trainer;
import io.downhill.numerics.training.TrainingSpec;
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
 * Training points edited by hand: each edit is stored before its answer, changes the loss at once,
 * is refused (naming the field, changing nothing) when it does not fit, and comes back exactly from
 * the journal, so recovery, the history and the state at a past step are the same as before.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionDataEditTest {
  static final Duration WAIT = SessionDriver.WAIT;

  @JUnit5TestKit
  final ActorTestKit testKit =
      EntityTestKit.create(
          "edit-" + UUID.randomUUID(),
          Map.of(
              "downhill.session.checkpoint-interval", "5ms",
              "downhill.limits.max-points", "22"));

  final NDManager manager = NDManager.newBaseManager();
  final SessionDriver sessions = new SessionDriver(testKit, manager);

  @AfterAll
  void close() {
    EntityTestKit.closeWhenTerminated(testKit, manager);
  }

  private double lossOn(TrainingSpec spec, Dataset points, double[] params) {
    try (Trainer trainer = new Trainer(spec, points, manager)) {
      return trainer.evaluate(params);
    }
  }

  private static Refused refusal(StatusReply<?> reply) {
    assertThat(reply.isError()).isTrue();
    return Refused.of(reply.getError());
  }

  @Test
  void eachEditChangesTheDataAndTheLossAtOnce() {
    TrainingSpec spec = Presets.notebook();
    SessionDriver.Started s = sessions.start(spec);
    Dataset generated = spec.data().generate();

    Snapshot added =
        sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.5, 30.0, r));
    Dataset expected = generated.withPointAdded(0.5, 30.0);
    Session.Data data = sessions.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).containsExactly(expected.x());
    assertThat(data.y()).containsExactly(expected.y());
    assertThat(added.loss()).isEqualTo(lossOn(spec, expected, spec.init()));

    expected = expected.withPointMoved(3, -1.0, -4.0);
    Snapshot moved =
        sessions.<Snapshot>ask(
            s.session(), r -> new Session.MovePoint(s.token(), 3, -1.0, -4.0, r));
    assertThat(moved.loss()).isEqualTo(lossOn(spec, expected, spec.init()));

    expected = expected.withPointRemoved(0);
    Snapshot removed =
        sessions.<Snapshot>ask(s.session(), r -> new Session.RemovePoint(s.token(), 0, r));
    assertThat(removed.loss()).isEqualTo(lossOn(spec, expected, spec.init()));
    data = sessions.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).containsExactly(expected.x());
    assertThat(data.y()).containsExactly(expected.y());
    assertThat(removed.seq()).isGreaterThan(moved.seq());
  }

  @Test
  void watchersHearOfAnEditWithTheNewLoss() {
    SessionDriver.Started s = sessions.start(Presets.notebook());
    TestProbe<SessionEvent> watcher = testKit.createTestProbe();
    s.session().tell(new Session.Subscribe(watcher.ref(), false));
    watcher.expectMessageClass(SessionEvent.StateChanged.class, WAIT);

    Snapshot after =
        sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 1.0, 50.0, r));

    SessionEvent.StateChanged heard =
        watcher.expectMessageClass(SessionEvent.StateChanged.class, WAIT);
    assertThat(heard.change()).isEqualTo(SessionEvent.Change.DATA_EDITED);
    assertThat(heard.change().wireName()).isEqualTo("data-edited");
    assertThat(heard.snapshot().loss()).isEqualTo(after.loss());
  }

  @Test
  void badEditsAreRefusedNamingTheFieldAndChangeNothing() {
    SessionDriver.Started s = sessions.start(Presets.notebook());
    Snapshot before = sessions.<Snapshot>ask(s.session(), Session.GetState::new);

    assertThat(
            refusal(
                    sessions.<Snapshot>reply(
                        s.session(), r -> new Session.AddPoint(s.token(), Double.NaN, 1, r)))
                .field())
        .isEqualTo("x");
    assertThat(
            refusal(
                    sessions.<Snapshot>reply(
                        s.session(),
                        r -> new Session.AddPoint(s.token(), 0, Double.POSITIVE_INFINITY, r)))
                .field())
        .isEqualTo("y");
    assertThat(
            refusal(
                    sessions.<Snapshot>reply(
                        s.session(), r -> new Session.AddPoint(s.token(), 0, 1e7, r)))
                .field())
        .isEqualTo("y");
    assertThat(
            refusal(
                    sessions.<Snapshot>reply(
                        s.session(), r -> new Session.MovePoint(s.token(), 20, 0, 0, r)))
                .field())
        .isEqualTo("index");
    assertThat(
            refusal(
                    sessions.<Snapshot>reply(
                        s.session(), r -> new Session.RemovePoint(s.token(), -1, r)))
                .field())
        .isEqualTo("index");
    Refused foreign =
        refusal(
            sessions.<Snapshot>reply(
                s.session(), r -> new Session.AddPoint("not-the-token", 0, 0, r)));
    assertThat(foreign.field()).isEqualTo("Authorization");
    // The limit here is 22 points: two more fit, the third does not.
    sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.1, 1, r));
    sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.2, 1, r));
    Refused tooMany =
        refusal(
            sessions.<Snapshot>reply(s.session(), r -> new Session.AddPoint(s.token(), 0.3, 1, r)));
    assertThat(tooMany.field()).isEqualTo("points");
    assertThat(tooMany.message()).contains("22");

    Session.Data data = sessions.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).hasSize(22);
    Snapshot after = sessions.<Snapshot>ask(s.session(), Session.GetState::new);
    assertThat(after.params()).containsExactly(before.params());
  }

  @Test
  void theLastPointCannotBeRemoved() {
    TrainingSpec spec = Presets.notebook();
    TrainingSpec two =
        spec.withData(
            new io.downhill.numerics.data.DataSpec(
                spec.data().target(), 2, -2, 2, 0.4, 1.5, spec.data().seed()));
    SessionDriver.Started s = sessions.start(two);
    sessions.<Snapshot>ask(s.session(), r -> new Session.RemovePoint(s.token(), 1, r));
    Refused last =
        refusal(
            sessions.<Snapshot>reply(s.session(), r -> new Session.RemovePoint(s.token(), 0, r)));
    assertThat(last.field()).isEqualTo("index");
    assertThat(last.message()).contains("last");
    assertThat((sessions.<Session.Data>ask(s.session(), Session.GetData::new)).x()).hasSize(1);
  }

  @Test
  void editsComeBackFromTheJournalAndTheRunGoesOnExactly() {
    TrainingSpec spec = Presets.notebook();
    SessionDriver.Started straight = sessions.start(spec);
    List<StepRecord> expected = new ArrayList<>();
    expected.addAll(
        sessions
            .<Session.Stepped>ask(
                straight.session(), r -> new Session.Step(straight.token(), 40, r))
            .steps());
    sessions.<Snapshot>ask(
        straight.session(), r -> new Session.AddPoint(straight.token(), 0.25, 20, r));
    sessions.<Snapshot>ask(
        straight.session(), r -> new Session.MovePoint(straight.token(), 2, -1.5, 9, r));
    sessions.<Snapshot>ask(
        straight.session(), r -> new Session.RemovePoint(straight.token(), 5, r));
    expected.addAll(
        sessions
            .<Session.Stepped>ask(
                straight.session(), r -> new Session.Step(straight.token(), 60, r))
            .steps());

    SessionDriver.Started s = sessions.start(spec);
    sessions.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 40, r));
    sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.25, 20, r));
    sessions.<Snapshot>ask(s.session(), r -> new Session.MovePoint(s.token(), 2, -1.5, 9, r));
    sessions.<Snapshot>ask(s.session(), r -> new Session.RemovePoint(s.token(), 5, r));
    ActorRef<Session.Command> back = sessions.comeBack(s);
    Session.Data data = sessions.<Session.Data>ask(back, Session.GetData::new);
    Session.Data straightData =
        sessions.<Session.Data>ask(straight.session(), Session.GetData::new);
    assertThat(data.x()).containsExactly(straightData.x());
    assertThat(data.y()).containsExactly(straightData.y());
    List<StepRecord> after =
        sessions.<Session.Stepped>ask(back, r -> new Session.Step(s.token(), 60, r)).steps();
    for (int i = 0; i < 60; i++) {
      StepRecord want = expected.get(40 + i);
      assertThat(after.get(i).step()).isEqualTo(want.step());
      assertThat(after.get(i).loss()).isEqualTo(want.loss());
      assertThat(after.get(i).params()).containsExactly(want.params());
      assertThat(after.get(i).gradient()).containsExactly(want.gradient());
    }
    // The history and the state at any step, replayed across the edits, are those made.
    ActorRef<Session.Command> again = sessions.comeBack(back, s.id());
    StepHistory.History history = sessions.<StepHistory.History>ask(again, Session.GetHistory::all);
    assertThat(history.steps()).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(history.loss()[i]).isEqualTo(expected.get(i).loss());
      assertThat(history.params()[i]).containsExactly(expected.get(i).params());
    }
    for (long step : new long[] {40, 41, 100}) {
      StepRecord at = sessions.<StepRecord>ask(again, r -> new Session.GetAt(step, r));
      assertThat(at.loss()).isEqualTo(expected.get((int) step - 1).loss());
      assertThat(at.params()).containsExactly(expected.get((int) step - 1).params());
    }
  }

  @Test
  void aRunTakesAnEditMadeWhileItGoes() {
    SessionDriver.Started s = sessions.start(Presets.notebook());
    TestProbe<SessionEvent> watcher = testKit.createTestProbe();
    s.session().tell(new Session.Subscribe(watcher.ref(), false));
    sessions.<Snapshot>ask(s.session(), r -> new Session.Run(s.token(), 100_000, 2000, r));
    StatusReply<Snapshot> edit =
        sessions.<Snapshot>reply(s.session(), r -> new Session.AddPoint(s.token(), 0.0, 100.0, r));
    assertThat(edit.isSuccess()).isTrue();
    assertThat(edit.getValue().status()).isEqualTo(Status.RUNNING);
    Snapshot paused = sessions.<Snapshot>ask(s.session(), r -> new Session.Pause(s.token(), r));
    assertThat((sessions.<Session.Data>ask(s.session(), Session.GetData::new)).x()).hasSize(21);

    // Replayed from the journal, every step (before and after the edit) is the one made.
    ActorRef<Session.Command> back = sessions.comeBack(s);
    StepHistory.History history = sessions.<StepHistory.History>ask(back, Session.GetHistory::all);
    assertThat(history.steps().length).isEqualTo((int) paused.step());
    List<StepRecord> heard = new ArrayList<>();
    SessionEvent event;
    while ((event = watcher.receiveMessage(WAIT)) != null) {
      if (event instanceof SessionEvent.Stepped stepped) {
        heard.addAll(stepped.steps());
      }
      if (heard.size() >= paused.step()) {
        break;
      }
    }
    for (int i = 0; i < paused.step(); i++) {
      assertThat(history.loss()[i]).isEqualTo(heard.get(i).loss());
      assertThat(history.params()[i]).containsExactly(heard.get(i).params());
    }
  }

  @Test
  void resetKeepsTheEditedPointsAndANewSpecBringsItsOwn() {
    TrainingSpec spec = Presets.notebook();
    SessionDriver.Started s = sessions.start(spec);
    sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.5, 9, r));
    sessions.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 5, r));
    sessions.<Snapshot>ask(s.session(), r -> new Session.Reset(s.token(), r));
    assertThat((sessions.<Session.Data>ask(s.session(), Session.GetData::new)).x()).hasSize(21);
    sessions.<Snapshot>ask(
        s.session(), r -> new Session.Restart(s.token(), new double[] {1, 2, 3}, r));
    assertThat((sessions.<Session.Data>ask(s.session(), Session.GetData::new)).x()).hasSize(21);

    sessions.<Snapshot>ask(s.session(), r -> new Session.Reconfigure(spec, r));
    assertThat((sessions.<Session.Data>ask(s.session(), Session.GetData::new)).x())
        .containsExactly(spec.data().generate().x());
  }

  @Test
  void restoringPutsTheSpecsPointsBackAndReplaysExactly() {
    TrainingSpec spec = Presets.notebook();
    SessionDriver.Started s = sessions.start(spec);
    sessions.<Snapshot>ask(s.session(), r -> new Session.AddPoint(s.token(), 0.5, 30, r));
    List<StepRecord> edited =
        sessions.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 20, r)).steps();
    Snapshot restored =
        sessions.<Snapshot>ask(s.session(), r -> new Session.RestorePoints(s.token(), r));
    assertThat(restored.step()).isEqualTo(20);
    assertThat(restored.loss()).isEqualTo(lossOn(spec, spec.data().generate(), restored.params()));
    List<StepRecord> after =
        sessions.<Session.Stepped>ask(s.session(), r -> new Session.Step(s.token(), 20, r)).steps();
    Session.Data data = sessions.<Session.Data>ask(s.session(), Session.GetData::new);
    assertThat(data.x()).containsExactly(spec.data().generate().x());

    ActorRef<Session.Command> back = sessions.comeBack(s);
    StepHistory.History history = sessions.<StepHistory.History>ask(back, Session.GetHistory::all);
    for (int i = 0; i < 20; i++) {
      assertThat(history.loss()[i]).isEqualTo(edited.get(i).loss());
      assertThat(history.loss()[20 + i]).isEqualTo(after.get(i).loss());
      assertThat(history.params()[20 + i]).containsExactly(after.get(i).params());
    }
  }

  @Test
  void anEditReleasesTheTensorsOfThePointsItReplaced() {
    try (NDManager own = NDManager.newBaseManager()) {
      SessionDriver.Started s = sessions.start(Presets.notebook(), own);
      ActorRef<Session.Command> session = s.session();
      String token = s.token();
      int fresh = own.getManagedArrays().size();
      for (int i = 0; i < 5; i++) {
        double x = 0.1 * i;
        sessions.<Snapshot>ask(session, r -> new Session.AddPoint(token, x, 1, r));
        sessions.<Snapshot>ask(session, r -> new Session.RemovePoint(token, 0, r));
      }
      assertThat(own.getManagedArrays()).hasSize(fresh);
      sessions.<org.apache.pekko.Done>ask(session, r -> new Session.Delete(token, r));
      testKit.createTestProbe().expectTerminated(session, SessionDriver.WAIT);
    }
  }

  @Test
  void editsPastASnapshotComeBackToo() {
    TrainingSpec spec = Presets.notebook();
    SessionDriver.Started s = sessions.start(spec);
    Dataset expected = spec.data().generate();
    // Two events an edit: more than the 100 events after which the record is snapshotted.
    for (int i = 0; i < 60; i++) {
      int index = i % 20;
      double x = -2 + 0.2 * index;
      double y = i;
      expected = expected.withPointMoved(index, x, y);
      sessions.<Snapshot>ask(s.session(), r -> new Session.MovePoint(s.token(), index, x, y, r));
    }
    ActorRef<Session.Command> back = sessions.comeBack(s);
    Session.Data data = sessions.<Session.Data>ask(back, Session.GetData::new);
    assertThat(data.x()).containsExactly(expected.x());
    assertThat(data.y()).containsExactly(expected.y());
  }
}
