package io.downhill.registry;

import ai.djl.ndarray.NDManager;
import io.downhill.DownhillSerializable;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.GradientMethod;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Refused;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepSpec;
import io.downhill.workshop.JoinCode;
import io.downhill.workshop.Workshop;
import io.downhill.workshop.WorkshopSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * Creates, finds and stops sessions. Owns the DJL manager every session's manager descends from,
 * and keeps each session's owner-token digest (never the token). Lives as long as the actor system
 * it guards.
 */
public final class SessionRegistry extends AbstractBehavior<SessionRegistry.Command> {

  /** Everything the registry accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Validates the spec and starts a session; replies with its id and owner token. */
  public record Create(TrainingSpec spec, ActorRef<StatusReply<Created>> replyTo)
      implements Command {}

  /** Looks a session up by id. */
  public record Find(String id, ActorRef<Found> replyTo) implements Command {}

  /** Stops a session. */
  public record StopSession(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Validates and starts a sweep (it waits for {@code Sweep.Run}); replies with id and token. */
  public record CreateSweep(SweepSpec spec, ActorRef<StatusReply<SweepCreated>> replyTo)
      implements Command {}

  public record FindSweep(String id, ActorRef<SweepFound> replyTo) implements Command {}

  public record StopSweep(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** The reply to {@link CreateSweep}: the token is given here once and kept nowhere. */
  public record SweepCreated(String id, String token, ActorRef<Sweep.Command> sweep)
      implements DownhillSerializable {}

  /** The reply to {@link FindSweep}; {@code sweep} is null when there is no such sweep. */
  public record SweepFound(String id, ActorRef<Sweep.Command> sweep, byte[] ownerDigest)
      implements DownhillSerializable {
    public boolean exists() {
      return sweep != null;
    }

    public boolean isOwner(String token) {
      return exists() && OwnerToken.matches(token, ownerDigest);
    }
  }

  /** Opens a workshop; replies with its id, join code and the instructor's token. */
  public record CreateWorkshop(
      String title,
      TrainingSpec scenario,
      int openSteps,
      ActorRef<StatusReply<WorkshopCreated>> replyTo)
      implements Command {}

  /**
   * Joins the workshop whose code this is, or rejoins workshop {@code workshopId} with the token a
   * participant was given there.
   */
  public record JoinWorkshop(
      String code,
      String workshopId,
      String name,
      String rejoinToken,
      ActorRef<StatusReply<Workshop.Joined>> replyTo)
      implements Command {}

  public record FindWorkshop(String id, ActorRef<WorkshopFound> replyTo) implements Command {}

  /** Sent by a workshop when its join code changes (null: revoked). */
  public record WorkshopCodeChanged(String workshopId, String oldCode, String newCode)
      implements Command {}

  /** The reply to {@link CreateWorkshop}; the instructor token is given here once. */
  public record WorkshopCreated(
      String id, String code, String instructorToken, ActorRef<Workshop.Command> workshop)
      implements DownhillSerializable {}

  /** The reply to {@link FindWorkshop}; {@code workshop} is null when there is none. */
  public record WorkshopFound(
      String id, ActorRef<Workshop.Command> workshop, byte[] instructorDigest)
      implements DownhillSerializable {
    public boolean exists() {
      return workshop != null;
    }

    public boolean isInstructor(String token) {
      return exists() && OwnerToken.matches(token, instructorDigest);
    }
  }

  private record WorkshopEntry(ActorRef<Workshop.Command> workshop, byte[] instructorDigest) {}

  private record WorkshopTerminated(String id) implements Command {}

  /** Replies with how many sessions are live. */
  public record Count(ActorRef<Integer> replyTo) implements Command {}

  /** The reply to {@link Create}: the token is given here once and kept nowhere. */
  public record Created(String id, String token, ActorRef<Session.Command> session)
      implements DownhillSerializable {}

  /**
   * The reply to {@link Find}; {@code session} is null when there is no such session.
   *
   * @param ownerDigest the SHA-256 digest of the owner token
   */
  public record Found(String id, ActorRef<Session.Command> session, byte[] ownerDigest)
      implements DownhillSerializable {
    public boolean exists() {
      return session != null;
    }

    /** Whether {@code token} is this session's owner token. */
    public boolean isOwner(String token) {
      return exists() && OwnerToken.matches(token, ownerDigest);
    }
  }

  private record SessionTerminated(String id) implements Command {}

  private record Entry(ActorRef<Session.Command> session, byte[] ownerDigest) {}

  private record SweepEntry(ActorRef<Sweep.Command> sweep, byte[] ownerDigest) {}

  private record SweepTerminated(String id) implements Command {}

  /** The dispatcher sessions run on, configured under this path. */
  public static final String SESSION_DISPATCHER = "downhill.session-dispatcher";

  /** The one-thread dispatcher of sessions that use DJL autograd. */
  public static final String AUTOGRAD_DISPATCHER = "downhill.autograd-dispatcher";

  private final SessionSettings settings;
  private final int maxSessions;
  private final NDManager sessionsManager;
  private final Map<String, Entry> sessions = new HashMap<>();
  private final Map<String, SweepEntry> sweeps = new HashMap<>();
  private final int maxVariants;
  private final Map<String, WorkshopEntry> workshops = new HashMap<>();
  private final Map<String, String> workshopsByCode = new HashMap<>();
  private final WorkshopSettings workshopSettings;

  /** The registry, with sessions' tensors on the given manager's device. */
  public static Behavior<Command> create(NDManager sessionsManager) {
    return Behaviors.setup(context -> new SessionRegistry(context, sessionsManager));
  }

  private SessionRegistry(ActorContext<Command> context, NDManager sessionsManager) {
    super(context);
    this.settings = SessionSettings.from(context.getSystem().settings().config());
    this.maxSessions =
        context.getSystem().settings().config().getInt("downhill.registry.max-sessions");
    this.sessionsManager = sessionsManager;
    this.maxVariants =
        context.getSystem().settings().config().getInt("downhill.sweep.max-variants");
    this.workshopSettings = WorkshopSettings.from(context.getSystem().settings().config());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Create.class, this::onCreate)
        .onMessage(Find.class, this::onFind)
        .onMessage(StopSession.class, this::onStopSession)
        .onMessage(Count.class, this::onCount)
        .onMessage(CreateSweep.class, this::onCreateSweep)
        .onMessage(CreateWorkshop.class, this::onCreateWorkshop)
        .onMessage(JoinWorkshop.class, this::onJoinWorkshop)
        .onMessage(FindWorkshop.class, this::onFindWorkshop)
        .onMessage(WorkshopCodeChanged.class, this::onWorkshopCodeChanged)
        .onMessage(WorkshopTerminated.class, this::onWorkshopTerminated)
        .onMessage(FindSweep.class, this::onFindSweep)
        .onMessage(StopSweep.class, this::onStopSweep)
        .onMessage(
            SweepTerminated.class,
            m -> {
              sweeps.remove(m.id());
              return this;
            })
        .onMessage(SessionTerminated.class, this::onSessionTerminated)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onCreate(Create message) {
    List<FieldError> errors = message.spec().validate(settings.limits());
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      message.replyTo().tell(StatusReply.error(Refused.invalid(first.field(), first.message())));
      return this;
    }
    if (sessions.size() >= maxSessions) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.LIMIT,
                      null,
                      "this server holds its maximum of " + maxSessions + " sessions")));
      return this;
    }
    String id = OwnerToken.newId();
    while (sessions.containsKey(id)) {
      id = OwnerToken.newId();
    }
    String token = OwnerToken.generate();
    ActorRef<Session.Command> session =
        getContext()
            .spawn(
                Session.create(id, message.spec(), settings, sessionsManager),
                "session-" + id,
                DispatcherSelector.fromConfig(
                    message.spec().gradients() == GradientMethod.AUTOGRAD
                        ? AUTOGRAD_DISPATCHER
                        : SESSION_DISPATCHER));
    getContext().watchWith(session, new SessionTerminated(id));
    sessions.put(id, new Entry(session, OwnerToken.digest(token)));
    message.replyTo().tell(StatusReply.success(new Created(id, token, session)));
    return this;
  }

  private Behavior<Command> onCreateSweep(CreateSweep message) {
    SweepSpec spec = message.spec();
    Refused refused = checkSweep(spec);
    if (refused != null) {
      message.replyTo().tell(StatusReply.error(refused));
      return this;
    }
    String id = OwnerToken.newId();
    while (sweeps.containsKey(id) || sessions.containsKey(id)) {
      id = OwnerToken.newId();
    }
    String token = OwnerToken.generate();
    ActorRef<Sweep.Command> sweep =
        getContext().spawn(Sweep.create(id, spec, settings, sessionsManager), "sweep-" + id);
    getContext().watchWith(sweep, new SweepTerminated(id));
    sweeps.put(id, new SweepEntry(sweep, OwnerToken.digest(token)));
    message.replyTo().tell(StatusReply.success(new SweepCreated(id, token, sweep)));
    return this;
  }

  private Refused checkSweep(SweepSpec spec) {
    int count = spec.variants().size();
    if (count < 1 || count > maxVariants) {
      return Refused.invalid("variants", "a sweep holds 1 to " + maxVariants + " variants");
    }
    if (spec.steps() < 1 || spec.steps() > settings.maxRunSteps()) {
      return Refused.invalid("steps", "must be a whole number from 1 to " + settings.maxRunSteps());
    }
    if (!Double.isNaN(spec.targetLoss()) && !Double.isFinite(spec.targetLoss())) {
      return Refused.invalid("target", "must be a finite number");
    }
    for (int k = 0; k < count; k++) {
      List<FieldError> errors = spec.variants().get(k).validate(settings.limits());
      if (!errors.isEmpty()) {
        FieldError first = errors.get(0);
        String field = count == 1 ? first.field() : "variants[" + k + "]." + first.field();
        return Refused.invalid(field, first.message());
      }
    }
    if (sessions.size() + sweeps.size() >= maxSessions) {
      return new Refused(
          Refused.Kind.LIMIT,
          null,
          "this server holds its maximum of " + maxSessions + " sessions");
    }
    return null;
  }

  private Behavior<Command> onFindSweep(FindSweep message) {
    SweepEntry entry = sweeps.get(message.id());
    message
        .replyTo()
        .tell(
            entry == null
                ? new SweepFound(message.id(), null, new byte[0])
                : new SweepFound(message.id(), entry.sweep(), entry.ownerDigest()));
    return this;
  }

  private Behavior<Command> onStopSweep(StopSweep message) {
    SweepEntry entry = sweeps.remove(message.id());
    if (entry == null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.NOT_FOUND, "id", "no sweep " + message.id())));
      return this;
    }
    entry.sweep().tell(Sweep.Stop.INSTANCE);
    message.replyTo().tell(StatusReply.success(Done.getInstance()));
    return this;
  }

  private Behavior<Command> onCreateWorkshop(CreateWorkshop message) {
    List<FieldError> errors = message.scenario().validate(settings.limits());
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      message
          .replyTo()
          .tell(StatusReply.error(Refused.invalid("scenario." + first.field(), first.message())));
      return this;
    }
    if (message.openSteps() < 1 || message.openSteps() > 4) {
      message.replyTo().tell(StatusReply.error(Refused.invalid("openSteps", "must be 1 to 4")));
      return this;
    }
    if (workshops.size() >= workshopSettings.maxWorkshops()) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(
                      Refused.Kind.LIMIT,
                      null,
                      "this server holds its maximum of "
                          + workshopSettings.maxWorkshops()
                          + " workshops")));
      return this;
    }
    String id = OwnerToken.newId();
    while (workshops.containsKey(id)) {
      id = OwnerToken.newId();
    }
    String code = JoinCode.generate();
    while (workshopsByCode.containsKey(code)) {
      code = JoinCode.generate();
    }
    String token = OwnerToken.generate();
    ActorRef<Workshop.Command> workshop =
        getContext()
            .spawn(
                Workshop.create(
                    id,
                    message.title(),
                    message.scenario(),
                    message.openSteps(),
                    code,
                    getContext().getSelf(),
                    workshopSettings,
                    Clock.systemUTC()),
                "workshop-" + id);
    getContext().watchWith(workshop, new WorkshopTerminated(id));
    workshops.put(id, new WorkshopEntry(workshop, OwnerToken.digest(token)));
    workshopsByCode.put(code, id);
    message.replyTo().tell(StatusReply.success(new WorkshopCreated(id, code, token, workshop)));
    return this;
  }

  private Behavior<Command> onJoinWorkshop(JoinWorkshop message) {
    String code = JoinCode.normalize(message.code());
    String id =
        message.workshopId() != null && message.rejoinToken() != null
            ? message.workshopId()
            : workshopsByCode.get(code);
    WorkshopEntry entry = id == null ? null : workshops.get(id);
    if (entry == null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.NOT_FOUND, "code", "no workshop has this join code")));
      return this;
    }
    entry
        .workshop()
        .tell(new Workshop.Join(code, message.name(), message.rejoinToken(), message.replyTo()));
    return this;
  }

  private Behavior<Command> onFindWorkshop(FindWorkshop message) {
    WorkshopEntry entry = workshops.get(message.id());
    message
        .replyTo()
        .tell(
            entry == null
                ? new WorkshopFound(message.id(), null, new byte[0])
                : new WorkshopFound(message.id(), entry.workshop(), entry.instructorDigest()));
    return this;
  }

  private Behavior<Command> onWorkshopCodeChanged(WorkshopCodeChanged message) {
    if (message.oldCode() != null) {
      workshopsByCode.remove(message.oldCode());
    }
    if (message.newCode() != null) {
      workshopsByCode.put(message.newCode(), message.workshopId());
    }
    return this;
  }

  private Behavior<Command> onWorkshopTerminated(WorkshopTerminated message) {
    workshops.remove(message.id());
    workshopsByCode.values().removeIf(id -> id.equals(message.id()));
    return this;
  }

  private Behavior<Command> onFind(Find message) {
    Entry entry = sessions.get(message.id());
    message
        .replyTo()
        .tell(
            entry == null
                ? new Found(message.id(), null, new byte[0])
                : new Found(message.id(), entry.session(), entry.ownerDigest()));
    return this;
  }

  private Behavior<Command> onStopSession(StopSession message) {
    Entry entry = sessions.remove(message.id());
    if (entry == null) {
      message
          .replyTo()
          .tell(
              StatusReply.error(
                  new Refused(Refused.Kind.NOT_FOUND, "id", "no session " + message.id())));
      return this;
    }
    entry.session().tell(Session.Stop.INSTANCE);
    message.replyTo().tell(StatusReply.success(Done.getInstance()));
    return this;
  }

  private Behavior<Command> onCount(Count message) {
    message.replyTo().tell(sessions.size());
    return this;
  }

  private Behavior<Command> onSessionTerminated(SessionTerminated message) {
    sessions.remove(message.id());
    return this;
  }

  private Behavior<Command> onPostStop() {
    // Children stop before this signal, so no session uses the manager any more.
    sessionsManager.close();
    return this;
  }
}
