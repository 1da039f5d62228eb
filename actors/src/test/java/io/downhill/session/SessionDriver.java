package io.downhill.session;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * Drives sessions for a test on one kit: starts them, asks them, and brings them back from their
 * journal after they left memory. Lives as long as the test class's kit.
 */
final class SessionDriver {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ActorTestKit testKit;
  private final SessionSettings settings;
  private final NDManager manager;

  SessionDriver(ActorTestKit testKit, NDManager manager) {
    this.testKit = testKit;
    this.settings = SessionSettings.from(testKit.system().settings().config());
    this.manager = manager;
  }

  /** A session made by {@link #start}: its actor, its id and its owner's token. */
  record Started(ActorRef<Session.Command> session, String id, String token) {}

  <T> StatusReply<T> reply(
      ActorRef<Session.Command> session, Function<ActorRef<StatusReply<T>>, Session.Command> c) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    session.tell(c.apply(probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  <T> T ask(
      ActorRef<Session.Command> session, Function<ActorRef<StatusReply<T>>, Session.Command> c) {
    return this.<T>reply(session, c).getValue();
  }

  /** A new session of {@code spec} on {@code manager} (the driver's when null). */
  Started start(TrainingSpec spec, NDManager on) {
    String id = UUID.randomUUID().toString();
    ActorRef<Session.Command> session =
        testKit.spawn(Session.create(id, null, settings, on == null ? manager : on));
    String token = this.<Session.Created>ask(session, r -> new Session.Create(spec, r)).token();
    return new Started(session, id, token);
  }

  Started start(TrainingSpec spec) {
    return start(spec, null);
  }

  /** Takes the session out of memory and brings it back from its journal. */
  ActorRef<Session.Command> comeBack(ActorRef<Session.Command> session, String id) {
    session.tell(Session.Passivate.INSTANCE);
    testKit.createTestProbe().expectTerminated(session, WAIT);
    return testKit.spawn(Session.create(id, null, settings, manager));
  }

  ActorRef<Session.Command> comeBack(Started s) {
    return comeBack(s.session(), s.id());
  }
}
