package io.downhill.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.downhill.Downhill;
import io.downhill.access.Refused;
import io.downhill.numerics.training.Presets;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import io.downhill.session.Status;
import io.downhill.sweep.SweepEvent;
import io.downhill.sweep.SweepSpec;
import io.downhill.testing.EntityTestKit;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DownhillClientTest {
  static final ActorTestKit testKit =
      EntityTestKit.create("client-" + UUID.randomUUID(), Map.of("downhill.watch.lease", "1s"));
  static final DownhillClient client = start();

  private static DownhillClient start() {
    EntityTestKit.start(testKit);
    return Downhill.start(
        testKit.system(), DownhillSettings.from(testKit.system().settings().config()));
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Refused refusalOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return RefusedException.of(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the command was not refused");
  }

  @Test
  void commandsAnswerWithTheEntitysReply() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    Session.Stepped stepped = await(client.sessions().step(created.id(), created.token(), 3));
    assertThat(stepped.steps()).hasSize(3);
    assertThat(await(client.sessions().state(created.id())).step()).isEqualTo(3);
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void answersStartNoThreadOfTheirOwn() throws Exception {
    // Chained directly, an ask's stage runs each step on the JDK's default executor: where the
    // common pool has one thread (two cores), that is a new thread for every answer.
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    for (int i = 0; i < 20; i++) {
      await(client.sessions().state(created.id()));
    }
    long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    for (int i = 0; i < 300; i++) {
      await(client.sessions().state(created.id()).thenApply(Snapshot::step));
    }
    long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
    assertThat(started).as("threads started during 300 answers").isLessThan(30);
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void aRefusalFailsTheStageWithItsKindAndField() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    Refused refused = refusalOf(client.sessions().step(created.id(), "not-the-token", 1));
    assertThat(refused.kind()).isEqualTo(Refused.Kind.FORBIDDEN);
    assertThat(refused.field()).isEqualTo("Authorization");
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void aDeletedSessionIsNotFound() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    await(client.sessions().delete(created.id(), created.token()));
    assertThat(refusalOf(client.sessions().state(created.id())).kind())
        .isEqualTo(Refused.Kind.NOT_FOUND);
  }

  @Test
  void noAnswerInTimeFailsTheStageWithATimeout() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    DownhillClient hasty =
        new DownhillClient(
            testKit.system(), client.settings().withAskTimeout(Duration.ofMillis(1)));
    assertThatThrownBy(
            () ->
                hasty
                    .sessions()
                    .step(created.id(), created.token(), 10_000)
                    .toCompletableFuture()
                    .join())
        .hasCauseInstanceOf(TimeoutException.class);
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void anUnknownJoinCodeIsRefusedNamingTheCode() {
    Refused refused = refusalOf(client.workshops().join("ABCDE-FGHJK", "Ada"));
    assertThat(refused.kind()).isEqualTo(Refused.Kind.NOT_FOUND);
    assertThat(refused.field()).isEqualTo("code");
  }

  @Test
  void aCallbackSubscriptionGetsTheStateThenEveryStepOfARun() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    LinkedBlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();
    try (Subscription subscription = client.sessions().subscribe(created.id(), events::add)) {
      SessionEvent first = events.poll(20, TimeUnit.SECONDS);
      assertThat(first).isInstanceOf(SessionEvent.StateChanged.class);
      assertThat(((SessionEvent.StateChanged) first).change())
          .isEqualTo(SessionEvent.Change.SUBSCRIBED);

      await(client.sessions().run(created.id(), created.token(), 500, 0));
      long stepsSeen = 0;
      Snapshot finished = null;
      while (finished == null) {
        SessionEvent event = events.poll(20, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        if (event instanceof SessionEvent.Stepped stepped) {
          stepsSeen += stepped.steps().size();
        } else if (event instanceof SessionEvent.StateChanged changed
            && changed.change() == SessionEvent.Change.RUN_FINISHED) {
          finished = changed.snapshot();
        }
      }
      assertThat(stepsSeen).isEqualTo(500);
      assertThat(finished.step()).isEqualTo(500);
      assertThat(finished.status()).isEqualTo(Status.IDLE);
    }
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void aSubscriptionOutlivesManyLeasesBecauseItRenewsItself() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    LinkedBlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();
    try (Subscription subscription = client.sessions().subscribe(created.id(), events::add)) {
      assertThat(events.poll(20, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(2500); // two and a half leases
      await(client.sessions().step(created.id(), created.token(), 1));
      assertThat(events.poll(20, TimeUnit.SECONDS)).isInstanceOf(SessionEvent.Stepped.class);
    }
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() throws Exception {
    Session.Created created = await(client.sessions().create(Presets.notebook()));
    LinkedBlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();
    Subscription subscription = client.sessions().subscribe(created.id(), events::add);
    assertThat(events.poll(20, TimeUnit.SECONDS)).isNotNull();
    subscription.close();
    // The unsubscription is sent before the actor stops; a state read after it has passed it.
    Thread.sleep(200);
    await(client.sessions().state(created.id()));
    await(client.sessions().step(created.id(), created.token(), 2));
    assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    await(client.sessions().delete(created.id(), created.token()));
  }

  @Test
  void anActorSubscriptionDeliversASweepsEventsToThatActor() throws Exception {
    var spec = new SweepSpec(List.of(Presets.notebook(), Presets.notebook()), 50, Double.NaN, 0);
    var created = await(client.sweeps().create(spec));
    TestProbe<SweepEvent> probe = testKit.createTestProbe();
    try (Subscription subscription = client.sweeps().subscribe(created.id(), probe.ref())) {
      probe.expectMessageClass(SweepEvent.StateChanged.class, Duration.ofSeconds(20));
      await(client.sweeps().run(created.id(), created.token()));
      SweepEvent event;
      do {
        event = probe.receiveMessage(Duration.ofSeconds(20));
      } while (!(event instanceof SweepEvent.StateChanged changed
          && changed.change() == SweepEvent.Change.RUN_FINISHED));
    }
    await(client.sweeps().delete(created.id(), created.token()));
  }
}
