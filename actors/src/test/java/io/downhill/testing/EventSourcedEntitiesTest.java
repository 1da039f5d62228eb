package io.downhill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import io.downhill.numerics.training.Presets;
import io.downhill.session.Session;
import io.downhill.session.SessionJournalEvent;
import io.downhill.session.SessionRecord;
import io.downhill.session.SessionSettings;
import io.downhill.session.Snapshot;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepJournalEvent;
import io.downhill.sweep.SweepRecord;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
import io.downhill.workshop.JoinCodes;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each entity under Pekko's event-sourced test kit: every command, reply, event and state goes
 * through serialization (Jackson CBOR, as between nodes and to the journal), and a restart recovers
 * the state from the events.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourcedEntitiesTest {
  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(
              EventSourcedBehaviorTestKit.config()
                  .withFallback(ConfigFactory.parseString("downhill.djl.device = cpu"))
                  .withFallback(ConfigFactory.load()))
          .build();

  final NDManager manager = NDManager.newBaseManager();

  @AfterAll
  void close() {
    EntityTestKit.closeWhenTerminated(testKit, manager);
  }

  @Test
  void aSessionsCommandsEventsAndStateSurviveSerializationAndARestart() {
    SessionSettings settings = SessionSettings.from(testKit.system().settings().config());
    EventSourcedBehaviorTestKit<Session.Command, SessionJournalEvent, SessionRecord> kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), Session.create("es-session", null, settings, manager));
    var created =
        kit.<StatusReply<Session.Created>>runCommand(
            replyTo -> new Session.Create(Presets.notebook(), replyTo));
    assertThat(created.event()).isInstanceOf(SessionJournalEvent.Created.class);
    String token = created.reply().getValue().token();
    kit.<StatusReply<Session.Stepped>>runCommand(replyTo -> new Session.Step(token, 4, replyTo));
    var set =
        kit.<StatusReply<Snapshot>>runCommand(
            replyTo -> new Session.SetParams(token, new double[] {3, 4, 5}, replyTo));
    assertThat(set.events())
        .hasExactlyElementsOfTypes(
            SessionJournalEvent.Checkpoint.class, SessionJournalEvent.ParamsSet.class);
    assertThat(set.state().trainer().step()).isEqualTo(4);

    var added =
        kit.<StatusReply<Snapshot>>runCommand(
            replyTo -> new Session.AddPoint(token, 0.5, 7.5, replyTo));
    assertThat(added.events())
        .hasExactlyElementsOfTypes(
            SessionJournalEvent.Checkpoint.class, SessionJournalEvent.PointAdded.class);
    kit.<StatusReply<Snapshot>>runCommand(
        replyTo -> new Session.MovePoint(token, 20, 0.25, 6.0, replyTo));
    kit.<StatusReply<Snapshot>>runCommand(replyTo -> new Session.RemovePoint(token, 0, replyTo));

    var restarted = kit.restart();
    assertThat(restarted.state().trainer().params()).containsExactly(3, 4, 5);
    assertThat(restarted.state().trainer().step()).isEqualTo(4);
    assertThat(restarted.state().points().size()).isEqualTo(20);
    assertThat(restarted.state().points().x()[19]).isEqualTo(0.25);
    assertThat(restarted.state().points().y()[19]).isEqualTo(6.0);
  }

  @Test
  void aSweepsProgressSurvivesSerializationAndARestart() {
    Sweep.SweepSettings settings = Sweep.SweepSettings.from(testKit.system().settings().config());
    EventSourcedBehaviorTestKit<Sweep.Command, SweepJournalEvent, SweepRecord> kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), Sweep.create("es-sweep", null, settings, manager));
    SweepSpec spec = new SweepSpec(List.of(Presets.notebook()), 10_000_000, Double.NaN);
    var created =
        kit.<StatusReply<Sweep.Created>>runCommand(replyTo -> new Sweep.Create(spec, replyTo));
    String token = created.reply().getValue().token();
    var run = kit.<StatusReply<SweepState>>runCommand(replyTo -> new Sweep.Run(token, replyTo));
    assertThat(run.state().status()).isEqualTo("running");
    assertThat(kit.restart().state().spec().steps()).isEqualTo(10_000_000);
  }

  @Test
  void theJoinCodeDirectoryKeepsItsCodesAcrossARestart() {
    EventSourcedBehaviorTestKit<JoinCodes.Command, JoinCodes.Event, JoinCodes.Directory> kit =
        EventSourcedBehaviorTestKit.create(testKit.system(), JoinCodes.create());
    kit.<StatusReply<Done>>runCommand(replyTo -> new JoinCodes.Claim("ABCDE-FGHJK", "w1", replyTo));
    var taken =
        kit.<StatusReply<Done>>runCommand(
            replyTo -> new JoinCodes.Claim("ABCDE-FGHJK", "w2", replyTo));
    assertThat(taken.reply().isError()).isTrue();
    assertThat(kit.restart().state().codes()).containsEntry("ABCDE-FGHJK", "w1");
    kit.runCommand(new JoinCodes.Release("ABCDE-FGHJK", "w1"));
    assertThat(kit.restart().state().codes()).isEmpty();
  }
}
