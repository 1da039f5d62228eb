package io.downhill.workshop;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A workshop's durable state, folded from its journal. Immutable; {@link #apply} is the event
 * handler.
 *
 * @param title null until the workshop opened
 * @param participants in the order they joined
 * @param seq the number of changes so far
 * @param endsAt when the workshop closes by itself unless extended (null: never)
 * @param closedAt when it closed, or null
 * @param removed whether it is gone for good (kept a day after it closed)
 */
public record WorkshopRecord(
    String title,
    TrainingSpec scenario,
    int openSteps,
    String spotlight,
    String code,
    Instant codeExpiresAt,
    boolean closed,
    byte[] instructorDigest,
    List<Participant> participants,
    long seq,
    Instant endsAt,
    Instant closedAt,
    boolean removed)
    implements DownhillSerializable {

  /** What the workshop keeps of a participant: never the token, only its digest. */
  public record Participant(
      String id, String name, String sessionId, byte[] tokenDigest, Instant joinedAt)
      implements DownhillSerializable {}

  public static final WorkshopRecord EMPTY =
      new WorkshopRecord(
          null, null, 0, null, null, null, false, null, List.of(), 0, null, null, false);

  /** Whether the workshop exists: opened, and not yet removed. */
  public boolean opened() {
    return title != null && !removed;
  }

  public WorkshopRecord apply(WorkshopJournalEvent event) {
    if (event instanceof WorkshopJournalEvent.Opened o) {
      return new WorkshopRecord(
          o.title(),
          o.scenario(),
          o.openSteps(),
          null,
          o.code(),
          o.codeExpiresAt(),
          false,
          o.instructorDigest(),
          List.of(),
          0,
          o.endsAt(),
          null,
          false);
    }
    if (event instanceof WorkshopJournalEvent.ParticipantJoined j) {
      List<Participant> next = new ArrayList<>(participants);
      next.add(j.participant());
      return with(scenario, openSteps, spotlight, code, codeExpiresAt, closed, next);
    }
    if (event instanceof WorkshopJournalEvent.SpotlightSet s) {
      return with(scenario, openSteps, s.session(), code, codeExpiresAt, closed, participants);
    }
    if (event instanceof WorkshopJournalEvent.StepsOpened s) {
      return with(scenario, s.steps(), spotlight, code, codeExpiresAt, closed, participants);
    }
    if (event instanceof WorkshopJournalEvent.ScenarioPushed p) {
      return with(p.scenario(), openSteps, spotlight, code, codeExpiresAt, closed, participants);
    }
    if (event instanceof WorkshopJournalEvent.CodeChanged c) {
      return with(
          scenario, openSteps, spotlight, c.code(), c.codeExpiresAt(), closed, participants);
    }
    if (event instanceof WorkshopJournalEvent.Closed c) {
      return with(scenario, openSteps, spotlight, null, codeExpiresAt, true, participants)
          .at(endsAt, c.at(), false);
    }
    if (event instanceof WorkshopJournalEvent.LifetimeExtended e) {
      return with(scenario, openSteps, spotlight, code, codeExpiresAt, closed, participants)
          .at(e.endsAt(), closedAt, false);
    }
    if (event instanceof WorkshopJournalEvent.ParticipantRemoved r) {
      List<Participant> next = new ArrayList<>(participants);
      next.removeIf(p -> p.id().equals(r.participantId()));
      String shown =
          next.stream().anyMatch(p -> p.sessionId().equals(spotlight)) ? spotlight : null;
      return with(scenario, openSteps, shown, code, codeExpiresAt, closed, next);
    }
    if (event instanceof WorkshopJournalEvent.Removed) {
      return with(scenario, openSteps, null, null, codeExpiresAt, true, List.of())
          .at(endsAt, closedAt, true);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private WorkshopRecord with(
      TrainingSpec newScenario,
      int newOpenSteps,
      String newSpotlight,
      String newCode,
      Instant newExpiry,
      boolean newClosed,
      List<Participant> newParticipants) {
    return new WorkshopRecord(
        title,
        newScenario,
        newOpenSteps,
        newSpotlight,
        newCode,
        newExpiry,
        newClosed,
        instructorDigest,
        List.copyOf(newParticipants),
        seq + 1,
        endsAt,
        closedAt,
        removed);
  }

  private WorkshopRecord at(Instant newEndsAt, Instant newClosedAt, boolean newRemoved) {
    return new WorkshopRecord(
        title,
        scenario,
        openSteps,
        spotlight,
        code,
        codeExpiresAt,
        closed,
        instructorDigest,
        participants,
        seq,
        newEndsAt,
        newClosedAt,
        newRemoved);
  }
}
