package io.downhill.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.Downhill;
import io.downhill.access.OwnerToken;
import io.downhill.access.Refused;
import io.downhill.numerics.training.Presets;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
import io.downhill.testing.EntityTestKit;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * Sessions and sweeps nobody uses or watches are deleted after the idle expiry, workshops close at
 * the end of their lifetime and are gone a while later — through durable reminders, while the
 * entities are out of memory. The durations are seconds here, hours in the defaults.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiryTest {
  static final Duration IDLE_EXPIRY = Duration.ofSeconds(3);
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Duration GIVE_UP = Duration.ofSeconds(30);

  @JUnit5TestKit
  final ActorTestKit testKit =
      EntityTestKit.create(
          "expiry-" + UUID.randomUUID(),
          Map.of(
              "downhill.session.passivate-after", "1s",
              "downhill.session.idle-expiry", "3s",
              "downhill.watch.lease", "60s",
              "downhill.workshop.max-lifetime", "3s",
              "downhill.workshop.closed-kept-for", "2s"));

  final Downhill downhill = EntityTestKit.start(testKit);

  /** Sends {@code command} to {@code entity} and waits for the answer. */
  private <C, T> StatusReply<T> ask(
      org.apache.pekko.actor.typed.RecipientRef<C> entity,
      Function<ActorRef<StatusReply<T>>, C> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    entity.tell(command.apply(probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  private <T> StatusReply<T> askSession(
      String id, Function<ActorRef<StatusReply<T>>, Session.Command> command) {
    return ask(downhill.session(id), command);
  }

  private Session.Created createSession() {
    String id = OwnerToken.newId();
    StatusReply<Session.Created> created =
        askSession(id, r -> new Session.Create(Presets.notebook(), r));
    assertThat(created.isSuccess()).isTrue();
    return created.getValue();
  }

  private void awaitGone(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            GIVE_UP,
            Duration.ofMillis(250),
            () -> {
              check.run();
              return null;
            });
  }

  private static void assertNotFound(StatusReply<?> reply) {
    assertThat(reply.isError()).isTrue();
    assertThat(Refused.of(reply.getError()).kind()).isEqualTo(Refused.Kind.NOT_FOUND);
  }

  @Test
  void aSessionNobodyUsesOrWatchesIsDeletedAfterTheIdleExpiryAndNotBefore() {
    Instant created = Instant.now();
    String id = createSession().id();
    awaitGone(() -> assertNotFound(askSession(id, Session.GetState::new)));
    assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(IDLE_EXPIRY);
  }

  @Test
  void aSessionOutOfMemoryIsWokenByItsReminderAndDeleted() {
    String id = createSession().id();
    // Nobody asks meanwhile: it leaves memory after a second, and only its reminder wakes it.
    testKit.createTestProbe().expectNoMessage(IDLE_EXPIRY.plusSeconds(4));
    assertNotFound(askSession(id, Session.GetState::new));
  }

  @Test
  void aWatchedSessionIsKept() {
    String id = createSession().id();
    TestProbe<SessionEvent> watcher = testKit.createTestProbe();
    downhill.session(id).tell(new Session.Subscribe(watcher.ref(), false));
    watcher.receiveMessage(WAIT);
    // Three expiries long: the session stays in memory for its watcher and is never deleted.
    watcher.expectNoMessage(IDLE_EXPIRY.multipliedBy(3));
    StatusReply<Snapshot> state = askSession(id, Session.GetState::new);
    assertThat(state.isSuccess()).isTrue();
    downhill.session(id).tell(new Session.Unsubscribe(watcher.ref()));
  }

  @Test
  void aSessionUsedAgainAfterItLeftMemoryGetsAFreshExpiry() {
    Session.Created created = createSession();
    String id = created.id();
    // The owner keeps using it for longer than the expiry, with pauses long enough for it to
    // leave memory in between; reading its state meanwhile would not count.
    Instant until = Instant.now().plus(IDLE_EXPIRY.multipliedBy(2));
    while (Instant.now().isBefore(until)) {
      StatusReply<Session.Stepped> stepped =
          askSession(id, r -> new Session.Step(created.token(), 1, r));
      assertThat(stepped.isSuccess()).isTrue();
      testKit.createTestProbe().expectNoMessage(Duration.ofMillis(1500));
    }
    assertThat(askSession(id, Session.GetState::new).isSuccess()).isTrue();
    awaitGone(() -> assertNotFound(askSession(id, Session.GetState::new)));
  }

  @Test
  void anIdleSweepIsDeletedAfterTheIdleExpiry() {
    String id = OwnerToken.newId();
    TestProbe<StatusReply<Sweep.Created>> created = testKit.createTestProbe();
    downhill
        .sweep(id)
        .tell(
            new Sweep.Create(
                new SweepSpec(List.of(Presets.notebook()), 10, Double.NaN), created.ref()));
    assertThat(created.receiveMessage(WAIT).isSuccess()).isTrue();
    awaitGone(
        () -> {
          TestProbe<StatusReply<SweepState>> state = testKit.createTestProbe();
          downhill.sweep(id).tell(new Sweep.GetState(state.ref()));
          assertNotFound(state.receiveMessage(WAIT));
        });
  }

  private <T> StatusReply<T> askWorkshop(
      String id, Function<ActorRef<StatusReply<T>>, Workshop.Command> command) {
    return ask(downhill.workshop(id), command);
  }

  private Workshop.Opened openWorkshop() {
    StatusReply<Workshop.Opened> opened =
        askWorkshop(OwnerToken.newId(), r -> new Workshop.Open("Lesson", Presets.notebook(), 1, r));
    return opened.getValue();
  }

  @Test
  void aWorkshopClosesAtTheEndOfItsLifetimeAndIsGoneAfterItsKeepingTime() {
    Workshop.Opened opened = openWorkshop();
    assertThat(opened.state().endsAt()).isAfter(Instant.now());
    testKit
        .createTestProbe()
        .awaitAssert(
            GIVE_UP,
            Duration.ofMillis(250),
            () -> {
              StatusReply<Workshop.Seen> seen =
                  askWorkshop(opened.id(), r -> new Workshop.GetState(opened.instructorToken(), r));
              assertThat(seen.getValue().state().closed()).isTrue();
              return null;
            });
    awaitGone(
        () ->
            assertNotFound(
                this.<Workshop.Seen>askWorkshop(
                    opened.id(), r -> new Workshop.GetState(opened.instructorToken(), r))));
  }

  @Test
  void theInstructorExtendsAWorkshopWithinItsLifetimeLimit() {
    Workshop.Opened opened = openWorkshop();
    String token = opened.instructorToken();
    StatusReply<WorkshopState> tooLong =
        askWorkshop(opened.id(), r -> new Workshop.Extend(token, Duration.ofHours(1), r));
    assertThat(Refused.of(tooLong.getError()).field()).isEqualTo("hours");
    StatusReply<WorkshopState> none =
        askWorkshop(opened.id(), r -> new Workshop.Extend(token, Duration.ZERO, r));
    assertThat(Refused.of(none.getError()).field()).isEqualTo("hours");
    StatusReply<WorkshopState> stranger =
        askWorkshop(opened.id(), r -> new Workshop.Extend("not-it", Duration.ofSeconds(2), r));
    assertThat(Refused.of(stranger.getError()).kind()).isEqualTo(Refused.Kind.FORBIDDEN);
    Instant before = opened.state().endsAt();
    StatusReply<WorkshopState> reply =
        askWorkshop(opened.id(), r -> new Workshop.Extend(token, Duration.ofSeconds(2), r));
    WorkshopState extended = reply.getValue();
    assertThat(extended.endsAt()).isEqualTo(before.plusSeconds(2));
  }
}
