package io.downhill.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.Downhill;
import io.downhill.numerics.data.DataSpec;
import io.downhill.numerics.model.ModelSpec;
import io.downhill.numerics.training.Presets;
import io.downhill.numerics.training.StepRecord;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import io.downhill.testing.EntityTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Leave;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two actor systems in one JVM joined into one cluster over Artery, so every message between them
 * is really serialized: a session made and driven through one node may live on the other, its
 * events reach a watcher across nodes (large ones too), and when its host leaves it carries on
 * elsewhere from its journal.
 */
class TwoNodeClusterTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  ActorTestKit first;
  ActorTestKit second;
  Downhill viaFirst;
  Downhill viaSecond;

  @BeforeEach
  void formCluster() {
    String database = "cluster-" + UUID.randomUUID();
    first = EntityTestKit.create(database, Map.of());
    viaFirst = EntityTestKit.start(first);
    second = EntityTestKit.create(database, Map.of());
    Cluster cluster = Cluster.get(second.system());
    TestProbe<SelfUp> up = second.createTestProbe();
    cluster.subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
    cluster.manager().tell(Join.create(Cluster.get(first.system()).selfMember().address()));
    up.expectMessageClass(SelfUp.class, WAIT);
    viaSecond = Downhill.start(second.system());
  }

  @AfterEach
  void stop() {
    if (second != null) {
      second.shutdownTestKit();
    }
    if (first != null) {
      first.shutdownTestKit();
    }
  }

  private static Session.Created create(
      ActorTestKit kit, Downhill via, String id, TrainingSpec spec) {
    TestProbe<StatusReply<Session.Created>> probe = kit.createTestProbe();
    via.session(id).tell(new Session.Create(spec, probe.ref()));
    return probe.receiveMessage(WAIT).getValue();
  }

  /** A 64-ReLU model: 128 parameters, so a chunk of 256 steps is far over Artery's frame size. */
  private static TrainingSpec wide() {
    TrainingSpec relu = Presets.relu();
    double[] init = new double[128];
    for (int i = 0; i < init.length; i++) {
      init[i] = 0.01 * (i % 7) - 0.02;
    }
    DataSpec data = relu.data();
    return new TrainingSpec(
        data,
        new ModelSpec(ModelSpec.Kind.RELU_SUM, 64),
        relu.loss(),
        relu.optimizer(),
        1e-4,
        relu.schedule(),
        false,
        init,
        relu.gradients());
  }

  @Test
  void everyStepOfAWideModelReachesAWatcherOnTheOtherNode() {
    // Find a session that lives on the first node, and watch it from the second.
    String id;
    Session.Created created;
    String firstNode = Nodes.self(first.system());
    do {
      id = UUID.randomUUID().toString();
      created = create(second, viaSecond, id, wide());
    } while (!created.snapshot().node().equals(firstNode));
    TestProbe<SessionEvent> events = second.createTestProbe();
    viaSecond.session(id).tell(new Session.Subscribe(events.ref(), false));
    events.expectMessageClass(SessionEvent.StateChanged.class, WAIT);
    TestProbe<StatusReply<Snapshot>> replies = second.createTestProbe();
    viaSecond.session(id).tell(new Session.Run(created.token(), 3000, 0, replies.ref()));
    assertThat(replies.receiveMessage(WAIT).isSuccess()).isTrue();
    long steps = 0;
    SessionEvent event;
    do {
      event = events.receiveMessage(WAIT);
      if (event instanceof SessionEvent.Stepped stepped) {
        for (StepRecord record : stepped.steps()) {
          assertThat(record.step()).isEqualTo(++steps);
          assertThat(record.params()).hasSize(128);
        }
      }
    } while (!(event instanceof SessionEvent.StateChanged changed
        && changed.change() == SessionEvent.Change.RUN_FINISHED));
    assertThat(steps).isEqualTo(3000);
  }

  @Test
  void aSessionWhoseHostLeavesCarriesOnElsewhereWithNoGapInItsSteps() {
    String id = UUID.randomUUID().toString();
    Session.Created created = create(second, viaSecond, id, Presets.notebook());
    boolean onFirst = created.snapshot().node().equals(Nodes.self(first.system()));
    ActorTestKit host = onFirst ? first : second;
    ActorTestKit other = onFirst ? second : first;
    Downhill viaOther = onFirst ? viaSecond : viaFirst;

    TestProbe<SessionEvent> events = other.createTestProbe();
    viaOther.session(id).tell(new Session.Subscribe(events.ref(), false));
    events.expectMessageClass(SessionEvent.StateChanged.class, WAIT);
    TestProbe<StatusReply<Snapshot>> replies = other.createTestProbe();
    viaOther.session(id).tell(new Session.Run(created.token(), 1_000_000, 300, replies.ref()));
    assertThat(replies.receiveMessage(WAIT).isSuccess()).isTrue();
    long lastSeen = 0;
    while (lastSeen < 600) {
      if (events.receiveMessage(WAIT) instanceof SessionEvent.Stepped stepped) {
        lastSeen = stepped.steps().get(stepped.steps().size() - 1).step();
      }
    }

    Cluster hostCluster = Cluster.get(host.system());
    hostCluster.manager().tell(Leave.create(hostCluster.selfMember().address()));
    // The watcher renews as a gateway does, until the session answers from its new home.
    SessionEvent.StateChanged recovered = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (recovered == null && System.nanoTime() < deadline) {
      viaOther.session(id).tell(new Session.Subscribe(events.ref(), true));
      SessionEvent event;
      try {
        event = events.receiveMessage(Duration.ofSeconds(2));
      } catch (AssertionError nothingYet) {
        continue; // the shard is handing off: renew again, as a gateway's feed does
      }
      if (event instanceof SessionEvent.Stepped stepped) {
        lastSeen = Math.max(lastSeen, stepped.steps().get(stepped.steps().size() - 1).step());
      } else if (event instanceof SessionEvent.StateChanged changed
          && changed.change() == SessionEvent.Change.RECOVERED) {
        recovered = changed;
      }
    }
    assertThat(recovered).as("a recovered state from the session's new node").isNotNull();
    assertThat(recovered.snapshot().node()).isEqualTo(Nodes.self(other.system()));
    assertThat(recovered.snapshot().status().wireName()).isEqualTo("running");
    assertThat(hostCluster.selfMember().status())
        .isIn(
            MemberStatus.leaving(),
            MemberStatus.exiting(),
            MemberStatus.removed(),
            MemberStatus.down());

    SessionEvent.Stepped next = events.expectMessageClass(SessionEvent.Stepped.class, WAIT);
    long firstAfter = next.steps().get(0).step();
    // Nothing made before the move is lost (a graceful hand-off stores where the run stood), and
    // the steps go on from the recovered state with no gap.
    assertThat(recovered.snapshot().step()).isGreaterThanOrEqualTo(lastSeen);
    assertThat(firstAfter).isEqualTo(recovered.snapshot().step() + 1);
  }
}
