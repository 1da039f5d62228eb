package io.downhill.workshop;

import io.downhill.DownhillSerializable;
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
    long seq)
    implements DownhillSerializable {

  /** What the workshop keeps of a participant: never the token, only its digest. */
  public record Participant(
      String id, String name, String sessionId, byte[] tokenDigest, Instant joinedAt)
      implements DownhillSerializable {}

  public static final WorkshopRecord EMPTY =
      new WorkshopRecord(null, null, 0, null, null, null, false, null, List.of(), 0);

  public boolean opened() {
    return title != null;
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
          0);
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
    if (event instanceof WorkshopJournalEvent.Closed) {
      return with(scenario, openSteps, spotlight, null, codeExpiresAt, true, participants);
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
        seq + 1);
  }
}
