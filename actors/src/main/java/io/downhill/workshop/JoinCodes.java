package io.downhill.workshop;

import io.downhill.access.Refused;
import io.downhill.cluster.DownhillSerializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The directory of live join codes: which workshop each code opens. One durable entity (id {@link
 * #ENTITY_ID}) for the whole system; a workshop claims a code before it hands it out and releases
 * it when the code is revoked or the workshop closes, so two workshops never share a code.
 */
public final class JoinCodes
    extends EventSourcedBehavior<JoinCodes.Command, JoinCodes.Event, JoinCodes.Directory> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "JoinCodes");

  /** The one directory's entity id. */
  public static final String ENTITY_ID = "all";

  /** Everything the directory accepts. */
  public sealed interface Command extends DownhillSerializable {}

  /** Claims {@code code} for a workshop; refused when another workshop holds it. */
  public record Claim(String code, String workshopId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Releases {@code code} if this workshop holds it. */
  public record Release(String code, String workshopId) implements Command {}

  /** Replies with the workshop that holds the code (null for none). */
  public record Find(String code, ActorRef<StatusReply<Holder>> replyTo) implements Command {}

  /** The reply to {@link Find}. */
  public record Holder(String code, String workshopId) implements DownhillSerializable {}

  /** Sent by sharding to take the directory out of memory. */
  public enum Passivate implements Command {
    INSTANCE
  }

  /** What the directory writes to its journal. */
  public sealed interface Event extends DownhillSerializable {}

  /** The code now leads to this workshop. */
  public record Claimed(String code, String workshopId) implements Event {}

  /** The code leads nowhere any more (revoked, expired or closed). */
  public record Released(String code) implements Event {}

  /** Code to workshop id. */
  public record Directory(Map<String, String> codes) implements DownhillSerializable {
    Directory apply(Event event) {
      Map<String, String> next = new HashMap<>(codes);
      if (event instanceof Claimed c) {
        next.put(c.code(), c.workshopId());
      } else if (event instanceof Released r) {
        next.remove(r.code());
      }
      return new Directory(next);
    }
  }

  public static Behavior<Command> create() {
    return new JoinCodes();
  }

  private JoinCodes() {
    super(PersistenceId.of(TYPE_KEY.name(), ENTITY_ID));
  }

  @Override
  public Directory emptyState() {
    return new Directory(Map.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<Directory, Event> eventHandler() {
    return Directory::apply;
  }

  @Override
  public CommandHandler<Command, Event, Directory> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Claim.class, this::onClaim)
        .onCommand(Release.class, this::onRelease)
        .onCommand(
            Find.class,
            (directory, find) -> {
              find.replyTo()
                  .tell(
                      StatusReply.success(
                          new Holder(find.code(), directory.codes().get(find.code()))));
              return Effect().none();
            })
        .onCommand(Passivate.class, (directory, passivate) -> Effect().stop())
        .build();
  }

  private Effect<Event, Directory> onClaim(Directory directory, Claim claim) {
    String holder = directory.codes().get(claim.code());
    if (holder != null && !holder.equals(claim.workshopId())) {
      claim.replyTo().tell(Refused.conflict("this code is taken").reply());
      return Effect().none();
    }
    return Effect()
        .persist(new Claimed(claim.code(), claim.workshopId()))
        .thenReply(claim.replyTo(), d -> StatusReply.success(Done.getInstance()));
  }

  private Effect<Event, Directory> onRelease(Directory directory, Release release) {
    if (!release.workshopId().equals(directory.codes().get(release.code()))) {
      return Effect().none();
    }
    return Effect().persist(new Released(release.code()));
  }
}
