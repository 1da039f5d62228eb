package io.downhill.workshop;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Instant;

/**
 * What a workshop writes to its journal. Participants' runs live in their own sessions' journals;
 * the workshop keeps who joined and how the room is set. Part of the stored format: evolve with
 * Jackson migrations, never by renaming.
 */
public sealed interface WorkshopJournalEvent extends DownhillSerializable {

  /** The workshop opened, led by the holder of the token with this digest. */
  record Opened(
      String title,
      TrainingSpec scenario,
      int openSteps,
      String code,
      Instant codeExpiresAt,
      byte[] instructorDigest,
      Instant endsAt)
      implements WorkshopJournalEvent {}

  /** A participant was admitted, with the session made for them. */
  record ParticipantJoined(WorkshopRecord.Participant participant)
      implements WorkshopJournalEvent {}

  /** The session shown on every screen (null: none). */
  record SpotlightSet(String session) implements WorkshopJournalEvent {}

  /** The lesson's steps 1 … {@code steps} are open to everyone. */
  record StepsOpened(int steps) implements WorkshopJournalEvent {}

  /** Every participant's session was given this scenario. */
  record ScenarioPushed(TrainingSpec scenario) implements WorkshopJournalEvent {}

  /** A new join code (null: revoked). */
  record CodeChanged(String code, Instant codeExpiresAt) implements WorkshopJournalEvent {}

  /** The workshop closed; its participants' sessions ended. */
  record Closed(Instant at) implements WorkshopJournalEvent {}

  /** The instructor gave the workshop more time: it now ends at {@code endsAt}. */
  record LifetimeExtended(Instant endsAt) implements WorkshopJournalEvent {}

  /** The instructor removed a participant (their session ends with it). */
  record ParticipantRemoved(String participantId) implements WorkshopJournalEvent {}

  /** A closed workshop was kept its day and is gone: it answers as if it never existed. */
  record Removed(Instant at) implements WorkshopJournalEvent {}
}
