package io.downhill.expiry;

import io.downhill.cluster.DownhillSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Durable reminders: an entity out of memory (a passivated session, a workshop nobody watches)
 * leaves one to be woken when its time is up — to expire if still idle, or to end a workshop's
 * lifetime. Timers die with an actor; these survive passivation, restarts and moves between nodes.
 *
 * <p>The reminders are spread over {@link #BUCKETS} sharded entities by target; each keeps its
 * agenda in the journal and one timer for the earliest reminder. A target has at most one reminder:
 * a new one replaces it. Delivery is at least once per reminder, so the woken entity decides for
 * itself (it may have been used since).
 */
public final class Reminders
    extends EventSourcedBehavior<Reminders.Command, Reminders.Event, Reminders.Agenda> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Reminders");

  /** How many entities share the reminders. */
  public static final int BUCKETS = 16;

  /** The longest a bucket sleeps before it looks again, so a wall-clock jump costs little. */
  private static final Duration LONGEST_SLEEP = Duration.ofMinutes(10);

  private static final Object WAKE_TIMER = "wake";

  /** Everything a bucket accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Wake {@code target} at {@code dueAtMillis} (epoch milliseconds), replacing any reminder. */
  public record Remind(String target, long dueAtMillis) implements Command {}

  /** Drops the reminder of {@code target}, if any. */
  public record Forget(String target) implements Command {}

  /** Sent by the bucket's timer. */
  enum Wake implements Command {
    INSTANCE
  }

  /** Sent by sharding to take a bucket out of memory (its timer comes back with it). */
  public enum Passivate implements Command {
    INSTANCE
  }

  /** What a bucket writes to its journal. */
  public sealed interface Event extends DownhillSerializable {}

  /** A reminder for {@code target} is due at {@code dueAtMillis} (epoch milliseconds). */
  public record Reminded(String target, long dueAtMillis) implements Event {}

  /** Reminders delivered or forgotten. */
  public record Cleared(List<String> targets) implements Event {}

  /** Target to due time (epoch milliseconds). */
  public record Agenda(Map<String, Long> due) implements DownhillSerializable {
    Agenda apply(Event event) {
      Map<String, Long> next = new HashMap<>(due);
      if (event instanceof Reminded r) {
        next.put(r.target(), r.dueAtMillis());
      } else if (event instanceof Cleared c) {
        c.targets().forEach(next::remove);
      }
      return new Agenda(next);
    }
  }

  /** The target name of an entity: its type and id. */
  public static String target(EntityTypeKey<?> type, String id) {
    return type.name() + ":" + id;
  }

  /** The entity type name of a target. */
  public static String typeOf(String target) {
    return target.substring(0, target.indexOf(':'));
  }

  /** The entity id of a target. */
  public static String idOf(String target) {
    return target.substring(target.indexOf(':') + 1);
  }

  /** Leaves a reminder for {@code target} at {@code dueAt}, in the bucket it belongs to. */
  public static void remind(ActorSystem<?> system, String target, Instant dueAt) {
    bucket(system, target).tell(new Remind(target, dueAt.toEpochMilli()));
  }

  /** Drops the reminder of {@code target}. */
  public static void forget(ActorSystem<?> system, String target) {
    bucket(system, target).tell(new Forget(target));
  }

  private static org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<Command> bucket(
      ActorSystem<?> system, String target) {
    String bucket = Integer.toString(Math.floorMod(target.hashCode(), BUCKETS));
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, bucket);
  }

  /** One bucket; {@code deliver} wakes a target whose reminder came due. */
  public static Behavior<Command> create(String bucket, Consumer<String> deliver, Clock clock) {
    return Behaviors.withTimers(timers -> new Reminders(bucket, deliver, clock, timers));
  }

  private final Consumer<String> deliver;
  private final Clock clock;
  private final TimerScheduler<Command> timers;

  private Reminders(
      String bucket, Consumer<String> deliver, Clock clock, TimerScheduler<Command> timers) {
    super(PersistenceId.of(TYPE_KEY.name(), bucket));
    this.deliver = deliver;
    this.clock = clock;
    this.timers = timers;
  }

  @Override
  public Agenda emptyState() {
    return new Agenda(Map.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<Agenda, Event> eventHandler() {
    return Agenda::apply;
  }

  @Override
  public SignalHandler<Agenda> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::arm).build();
  }

  @Override
  public CommandHandler<Command, Event, Agenda> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Remind.class,
            (agenda, remind) ->
                Effect()
                    .persist(new Reminded(remind.target(), remind.dueAtMillis()))
                    .thenRun(this::arm))
        .onCommand(
            Forget.class,
            (agenda, forget) ->
                agenda.due().containsKey(forget.target())
                    ? Effect().persist(new Cleared(List.of(forget.target()))).thenRun(this::arm)
                    : Effect().none())
        .onCommand(Wake.class, (agenda, wake) -> onWake(agenda))
        .onCommand(Passivate.class, (agenda, passivate) -> Effect().stop())
        .build();
  }

  private Effect<Event, Agenda> onWake(Agenda agenda) {
    long now = clock.millis();
    List<String> due = new ArrayList<>();
    agenda
        .due()
        .forEach(
            (target, at) -> {
              if (at <= now) {
                due.add(target);
              }
            });
    if (due.isEmpty()) {
      arm(agenda);
      return Effect().none();
    }
    // Delivered before they are cleared: a bucket that fails in between delivers them again after
    // its recovery, which the targets take as they take any wake-up (they check for themselves).
    due.forEach(deliver);
    return Effect().persist(new Cleared(List.copyOf(due))).thenRun(this::arm);
  }

  /** One timer, for the earliest reminder (none when the agenda is empty). */
  private void arm(Agenda agenda) {
    long earliest = Long.MAX_VALUE;
    for (long at : agenda.due().values()) {
      earliest = Math.min(earliest, at);
    }
    if (earliest == Long.MAX_VALUE) {
      timers.cancel(WAKE_TIMER);
      return;
    }
    long delay = Math.max(0, Math.min(earliest - clock.millis(), LONGEST_SLEEP.toMillis()));
    timers.startSingleTimer(WAKE_TIMER, Wake.INSTANCE, Duration.ofMillis(delay));
  }
}
