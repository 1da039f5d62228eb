package io.downhill.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.downhill.Downhill;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.numerics.training.Presets;
import io.downhill.session.Session;
import io.downhill.session.Snapshot;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Workshops as sharded durable entities, with the join-code directory and real sessions. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkshopTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @JUnit5TestKit
  final ActorTestKit testKit =
      EntityTestKit.create(
          "workshops-" + UUID.randomUUID(), Map.of("downhill.workshop.max-participants", 3));

  final Downhill downhill = EntityTestKit.start(testKit);

  private Workshop.Opened open() {
    TestProbe<StatusReply<Workshop.Opened>> probe = testKit.createTestProbe();
    downhill
        .workshop(OwnerToken.newId())
        .tell(new Workshop.Open("Lesson", Presets.notebook(), 1, probe.ref()));
    return probe.receiveMessage(WAIT).getValue();
  }

  /** Joins as the gateway does: the directory names the workshop, the workshop admits. */
  private StatusReply<Workshop.Joined> join(String code, String name) {
    TestProbe<StatusReply<JoinCodes.Holder>> holder = testKit.createTestProbe();
    downhill.joinCodes().tell(new JoinCodes.Find(JoinCode.normalize(code), holder.ref()));
    String id = holder.receiveMessage(WAIT).getValue().workshopId();
    if (id == null) {
      return Refused.notFound("code", "no workshop has this join code").reply();
    }
    return rejoin(id, code, name, null);
  }

  private StatusReply<Workshop.Joined> rejoin(String id, String code, String name, String token) {
    TestProbe<StatusReply<Workshop.Joined>> probe = testKit.createTestProbe();
    downhill.workshop(id).tell(new Workshop.Join(code, name, token, probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  private <T> StatusReply<T> ask(
      String workshop, Function<ActorRef<StatusReply<T>>, Workshop.Command> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    downhill.workshop(workshop).tell(command.apply(probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  private static Refused refusal(StatusReply<?> reply) {
    assertThat(reply.isError()).isTrue();
    return Refused.of(reply.getError());
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
    Workshop.Opened opened = open();
    Workshop.Joined ada = join(opened.code().toLowerCase(), "Ada").getValue();
    Workshop.Joined bob = join(opened.code(), "Bob").getValue();
    assertThat(ada.session()).isNotEqualTo(bob.session());
    Workshop.Joined again = rejoin(opened.id(), null, "Ada", ada.token()).getValue();
    assertThat(again.session()).isEqualTo(ada.session());
    assertThat(again.participantId()).isEqualTo(ada.participantId());

    Workshop.Seen seen =
        this.<Workshop.Seen>ask(
                opened.id(), r -> new Workshop.GetState(opened.instructorToken(), r))
            .getValue();
    assertThat(seen.instructor()).isTrue();
    assertThat(seen.state().participants())
        .extracting(WorkshopState.Participant::name)
        .containsExactly("Ada", "Bob");
    assertThat(seen.state().publicView().participants()).isEmpty();
    assertThat(seen.state().publicView().code()).isNull();
    Workshop.Seen byParticipant =
        this.<Workshop.Seen>ask(opened.id(), r -> new Workshop.GetState(ada.token(), r)).getValue();
    assertThat(byParticipant.instructor()).isFalse();
  }

  @Test
  void theInstructorRemovesAParticipantWhoseSessionEndsAndWhoCannotRejoin() {
    Workshop.Opened opened = open();
    Workshop.Joined ada = join(opened.code(), "Ada").getValue();
    Workshop.Joined bob = join(opened.code(), "Bob").getValue();
    String token = opened.instructorToken();
    assertThat(
            refusal(
                    this.<WorkshopState>ask(
                        opened.id(),
                        r -> new Workshop.RemoveParticipant(ada.token(), bob.participantId(), r)))
                .kind())
        .isEqualTo(Refused.Kind.FORBIDDEN);
    assertThat(
            refusal(
                    this.<WorkshopState>ask(
                        opened.id(), r -> new Workshop.RemoveParticipant(token, "nobody", r)))
                .field())
        .isEqualTo("participant");
    WorkshopState after =
        this.<WorkshopState>ask(
                opened.id(), r -> new Workshop.RemoveParticipant(token, ada.participantId(), r))
            .getValue();
    assertThat(after.participants())
        .extracting(WorkshopState.Participant::name)
        .containsExactly("Bob");
    TestProbe<StatusReply<Snapshot>> state = testKit.createTestProbe();
    state.awaitAssert(
        WAIT,
        () -> {
          downhill.session(ada.session()).tell(new Session.GetState(state.ref()));
          assertThat(refusal(state.receiveMessage(WAIT)).kind()).isEqualTo(Refused.Kind.NOT_FOUND);
          return null;
        });
    assertThat(rejoin(opened.id(), null, "Ada", ada.token()).isError()).isTrue();
  }

  @Test
  void onlyTheInstructorSteersTheRoom() {
    Workshop.Opened opened = open();
    Workshop.Joined ada = join(opened.code(), "Ada").getValue();
    Refused refused =
        refusal(
            this.<WorkshopState>ask(opened.id(), r -> new Workshop.OpenSteps(ada.token(), 3, r)));
    assertThat(refused.kind()).isEqualTo(Refused.Kind.FORBIDDEN);
    WorkshopState opens =
        this.<WorkshopState>ask(
                opened.id(), r -> new Workshop.OpenSteps(opened.instructorToken(), 3, r))
            .getValue();
    assertThat(opens.openSteps()).isEqualTo(3);
  }

  @Test
  void wrongAndRevokedCodesAreRefused() {
    Workshop.Opened opened = open();
    assertThat(refusal(join("AAAAA-AAAAA", "Eve")).field()).isEqualTo("code");
    WorkshopState revoked =
        this.<WorkshopState>ask(
                opened.id(), r -> new Workshop.ChangeCode(opened.instructorToken(), false, r))
            .getValue();
    assertThat(revoked.code()).isNull();
    assertThat(join(opened.code(), "Eve").isError()).isTrue();
    WorkshopState renewed =
        this.<WorkshopState>ask(
                opened.id(), r -> new Workshop.ChangeCode(opened.instructorToken(), true, r))
            .getValue();
    assertThat(join(renewed.code(), "Eve").isSuccess()).isTrue();
  }

  @Test
  void fullWorkshopAndBadNamesAreRefused() {
    Workshop.Opened opened = open();
    assertThat(refusal(join(opened.code(), "   ")).field()).isEqualTo("name");
    assertThat(refusal(join(opened.code(), "x".repeat(41))).field()).isEqualTo("name");
    for (int i = 0; i < 3; i++) {
      assertThat(join(opened.code(), "P" + i).isSuccess()).isTrue();
    }
    assertThat(refusal(join(opened.code(), "P4")).kind()).isEqualTo(Refused.Kind.LIMIT);
  }

  @Test
  void aNameSomeoneInTheRoomHasIsRefusedAsAConflictOnName() {
    Workshop.Opened opened = open();
    assertThat(join(opened.code(), "Bob").isSuccess()).isTrue();
    Refused twice = refusal(join(opened.code(), "  bob "));
    assertThat(twice.kind()).isEqualTo(Refused.Kind.CONFLICT);
    assertThat(twice.field()).isEqualTo("name");
    assertThat(twice.message()).contains("taken");
    assertThat(join(opened.code(), "Bob K.").isSuccess()).isTrue();
  }

  @Test
  void forkCopiesTheShownSessionAtItsCurrentParameters() {
    Workshop.Opened opened = open();
    Workshop.Joined ada = join(opened.code(), "Ada").getValue();
    Workshop.Joined bob = join(opened.code(), "Bob").getValue();
    TestProbe<StatusReply<Session.Stepped>> stepped = testKit.createTestProbe();
    downhill.session(ada.session()).tell(new Session.Step(ada.token(), 5, stepped.ref()));
    double[] adaParams = stepped.receiveMessage(WAIT).getValue().snapshot().params();

    WorkshopState shown =
        this.<WorkshopState>ask(
                opened.id(),
                r -> new Workshop.Spotlight(opened.instructorToken(), ada.session(), r))
            .getValue();
    assertThat(shown.spotlight()).isEqualTo(ada.session());
    Snapshot forked =
        this.<Snapshot>ask(opened.id(), r -> new Workshop.Fork(bob.token(), r)).getValue();
    assertThat(forked.id()).isEqualTo(bob.session());
    assertThat(forked.params()).containsExactly(adaParams);
    assertThat(this.<Snapshot>ask(opened.id(), r -> new Workshop.Fork("not-a-token", r)).isError())
        .isTrue();
  }

  @Test
  void closingEndsEveryParticipantsSession() {
    Workshop.Opened opened = open();
    Workshop.Joined ada = join(opened.code(), "Ada").getValue();
    WorkshopState closed =
        this.<WorkshopState>ask(opened.id(), r -> new Workshop.Close(opened.instructorToken(), r))
            .getValue();
    assertThat(closed.closed()).isTrue();
    TestProbe<StatusReply<Snapshot>> state = testKit.createTestProbe();
    // The session ends soon after the close is stored; ask until it says so.
    StatusReply<Snapshot> reply =
        await("Ada's session ended with the workshop")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  downhill.session(ada.session()).tell(new Session.GetState(state.ref()));
                  return state.receiveMessage(WAIT);
                },
                answer -> !answer.isSuccess());
    assertThat(refusal(reply).kind()).isEqualTo(Refused.Kind.NOT_FOUND);
    assertThat(join(opened.code(), "Late").isError()).isTrue();
  }
}
