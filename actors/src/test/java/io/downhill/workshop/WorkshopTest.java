package io.downhill.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import io.downhill.numerics.training.Presets;
import io.downhill.registry.SessionRegistry;
import io.downhill.session.Refused;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class WorkshopTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "downhill.workshop.max-participants = 3\ndownhill.workshop.code-lifetime = 2s")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private final ActorRef<SessionRegistry.Command> registry =
      testKit.spawn(SessionRegistry.create(NDManager.newBaseManager()));

  private SessionRegistry.WorkshopCreated open() {
    TestProbe<StatusReply<SessionRegistry.WorkshopCreated>> probe = testKit.createTestProbe();
    registry.tell(new SessionRegistry.CreateWorkshop("Lesson", Presets.notebook(), 1, probe.ref()));
    return probe.receiveMessage().getValue();
  }

  private StatusReply<Workshop.Joined> join(String code, String id, String name, String token) {
    TestProbe<StatusReply<Workshop.Joined>> probe = testKit.createTestProbe();
    registry.tell(new SessionRegistry.JoinWorkshop(code, id, name, token, probe.ref()));
    return probe.receiveMessage();
  }

  private <T> T ask(
      ActorRef<Workshop.Command> workshop,
      java.util.function.Function<ActorRef<StatusReply<T>>, Workshop.Command> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    workshop.tell(command.apply(probe.ref()));
    return probe.receiveMessage().getValue();
  }

  @Test
  void codeHasAtLeast40BitsAndIsEasyToType() {
    assertThat(JoinCode.bits()).isGreaterThanOrEqualTo(40);
    String code = JoinCode.generate();
    assertThat(code)
        .matches("[A-Z2-9]{5}-[A-Z2-9]{5}")
        .doesNotContain("0", "O", "1", "I", "L", "U");
    assertThat(JoinCode.normalize(code.toLowerCase().replace("-", " "))).isEqualTo(code);
  }

  @Test
  void participantsJoinWithTheCodeAndRejoinToTheSameSession() {
    SessionRegistry.WorkshopCreated created = open();
    Workshop.Joined ada = join(created.code().toLowerCase(), null, "Ada", null).getValue();
    Workshop.Joined bob = join(created.code(), null, "Bob", null).getValue();
    assertThat(ada.session()).isNotEqualTo(bob.session());
    Workshop.Joined again = join(null, created.id(), "Ada", ada.token()).getValue();
    assertThat(again.session()).isEqualTo(ada.session());
    assertThat(again.participantId()).isEqualTo(ada.participantId());

    TestProbe<WorkshopState> state = testKit.createTestProbe();
    created.workshop().tell(new Workshop.GetState(state.ref()));
    WorkshopState seen = state.receiveMessage();
    assertThat(seen.participants())
        .extracting(WorkshopState.Participant::name)
        .containsExactly("Ada", "Bob");
    assertThat(seen.publicView().participants()).isEmpty();
    assertThat(seen.publicView().code()).isNull();
  }

  @Test
  void wrongRevokedAndExpiredCodesAreRefused() throws InterruptedException {
    SessionRegistry.WorkshopCreated created = open();
    assertThat(((Refused) join("AAAAA-AAAAA", null, "Eve", null).getError()).field())
        .isEqualTo("code");
    WorkshopState revoked = ask(created.workshop(), r -> new Workshop.ChangeCode(false, r));
    assertThat(revoked.code()).isNull();
    assertThat(join(created.code(), null, "Eve", null).isError()).isTrue();

    SessionRegistry.WorkshopCreated other = open();
    Thread.sleep(2100);
    assertThat(((Refused) join(other.code(), null, "Late", null).getError()).getMessage())
        .contains("expired");
  }

  @Test
  void fullWorkshopAndBadNamesAreRefused() {
    SessionRegistry.WorkshopCreated created = open();
    assertThat(((Refused) join(created.code(), null, "   ", null).getError()).field())
        .isEqualTo("name");
    assertThat(((Refused) join(created.code(), null, "x".repeat(41), null).getError()).field())
        .isEqualTo("name");
    for (int i = 0; i < 3; i++) {
      assertThat(join(created.code(), null, "P" + i, null).isSuccess()).isTrue();
    }
    assertThat(((Refused) join(created.code(), null, "P4", null).getError()).kind())
        .isEqualTo(Refused.Kind.LIMIT);
  }

  @Test
  void forkCopiesTheShownSessionAtItsCurrentParameters() {
    SessionRegistry.WorkshopCreated created = open();
    Workshop.Joined ada = join(created.code(), null, "Ada", null).getValue();
    Workshop.Joined bob = join(created.code(), null, "Bob", null).getValue();
    TestProbe<SessionRegistry.Found> found = testKit.createTestProbe();
    registry.tell(new SessionRegistry.Find(ada.session(), found.ref()));
    ActorRef<Session.Command> adaSession = found.receiveMessage().session();
    TestProbe<StatusReply<Session.Stepped>> stepped = testKit.createTestProbe();
    adaSession.tell(new Session.Step(5, stepped.ref()));
    double[] adaParams =
        stepped.receiveMessage(Duration.ofSeconds(5)).getValue().snapshot().params();

    WorkshopState shown = ask(created.workshop(), r -> new Workshop.Spotlight(ada.session(), r));
    assertThat(shown.spotlight()).isEqualTo(ada.session());
    Snapshot forked = ask(created.workshop(), r -> new Workshop.Fork(bob.token(), r));
    assertThat(forked.id()).isEqualTo(bob.session());
    assertThat(forked.params()).containsExactly(adaParams);

    TestProbe<StatusReply<Snapshot>> refused = testKit.createTestProbe();
    created.workshop().tell(new Workshop.Fork("not-a-token", refused.ref()));
    assertThat(refused.receiveMessage().isError()).isTrue();
  }

  @Test
  void closingStopsEveryParticipantsSession() {
    SessionRegistry.WorkshopCreated created = open();
    Workshop.Joined ada = join(created.code(), null, "Ada", null).getValue();
    TestProbe<SessionRegistry.Found> found = testKit.createTestProbe();
    registry.tell(new SessionRegistry.Find(ada.session(), found.ref()));
    ActorRef<Session.Command> session = found.receiveMessage().session();
    WorkshopState closed = ask(created.workshop(), Workshop.Close::new);
    assertThat(closed.closed()).isTrue();
    found.expectTerminated(session, Duration.ofSeconds(5));
    found.expectTerminated(created.workshop(), Duration.ofSeconds(5));
    assertThat(join(created.code(), null, "Late", null).isError()).isTrue();
  }
}
