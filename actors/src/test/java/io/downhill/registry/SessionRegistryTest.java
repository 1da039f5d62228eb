package io.downhill.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Refused;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString("downhill.registry.max-sessions = 3")
              .withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private ActorRef<SessionRegistry.Command> registry() {
    return testKit.spawn(SessionRegistry.create(NDManager.newBaseManager()));
  }

  private StatusReply<SessionRegistry.Created> create(
      ActorRef<SessionRegistry.Command> registry, TrainingSpec spec) {
    TestProbe<StatusReply<SessionRegistry.Created>> probe = testKit.createTestProbe();
    registry.tell(new SessionRegistry.Create(spec, probe.ref()));
    return probe.receiveMessage();
  }

  private SessionRegistry.Found find(ActorRef<SessionRegistry.Command> registry, String id) {
    TestProbe<SessionRegistry.Found> probe = testKit.createTestProbe();
    registry.tell(new SessionRegistry.Find(id, probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void createdSessionIsFoundAndOnlyItsTokenOwnsIt() {
    ActorRef<SessionRegistry.Command> registry = registry();
    SessionRegistry.Created created = create(registry, Presets.notebook()).getValue();
    SessionRegistry.Found found = find(registry, created.id());
    assertThat(found.exists()).isTrue();
    assertThat(found.isOwner(created.token())).isTrue();
    assertThat(found.isOwner(created.token() + "x")).isFalse();
    assertThat(found.isOwner(null)).isFalse();
    assertThat(find(registry, "nope").exists()).isFalse();
  }

  @Test
  void invalidSpecIsRefusedNamingTheField() {
    ActorRef<SessionRegistry.Command> registry = registry();
    StatusReply<SessionRegistry.Created> reply =
        create(registry, Presets.notebook().withInit(new double[] {1, 2}));
    assertThat(reply.isError()).isTrue();
    assertThat(((Refused) reply.getError()).field()).isEqualTo("init");
  }

  @Test
  void stoppedSessionIsGoneAndItsActorStops() {
    ActorRef<SessionRegistry.Command> registry = registry();
    SessionRegistry.Created created = create(registry, Presets.notebook()).getValue();
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    registry.tell(new SessionRegistry.StopSession(created.id(), probe.ref()));
    assertThat(probe.receiveMessage().isSuccess()).isTrue();
    probe.expectTerminated(created.session(), Duration.ofSeconds(5));
    assertThat(find(registry, created.id()).exists()).isFalse();
  }

  @Test
  void sessionLimitIsRefusedAsALimit() {
    ActorRef<SessionRegistry.Command> registry = registry();
    for (int i = 0; i < 3; i++) {
      assertThat(create(registry, Presets.notebook()).isSuccess()).isTrue();
    }
    StatusReply<SessionRegistry.Created> fourth = create(registry, Presets.notebook());
    assertThat(((Refused) fourth.getError()).kind()).isEqualTo(Refused.Kind.LIMIT);
  }
}
