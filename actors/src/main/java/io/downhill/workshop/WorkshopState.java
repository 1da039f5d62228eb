package io.downhill.workshop;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Instant;
import java.util.List;

/**
 * A workshop as its instructor sees it. Participants see {@link #publicView()} only.
 *
 * @param openSteps how many steps of the lesson are open (1 to 4)
 * @param spotlight the session shown on every screen, or null
 * @param code the join code, or null once revoked or closed
 * @param node the cluster node that hosts the workshop now
 * @param endsAt when the workshop closes by itself unless the instructor extends it
 */
public record WorkshopState(
    String id,
    long seq,
    String title,
    TrainingSpec scenario,
    int openSteps,
    String spotlight,
    String code,
    Instant codeExpiresAt,
    boolean closed,
    List<Participant> participants,
    String node,
    Instant endsAt)
    implements DownhillSerializable {

  /** One participant: display name (plain text) and the session they drive. */
  public record Participant(String id, String name, String session, Instant joinedAt)
      implements DownhillSerializable {}

  /** What every participant may see: no code, no other participants. */
  public WorkshopState publicView() {
    return new WorkshopState(
        id, seq, title, scenario, openSteps, spotlight, null, null, closed, List.of(), node,
        endsAt);
  }
}
