package io.downhill.workshop;

import java.util.ArrayList;
import java.util.List;

/** A workshop's {@link WorkshopState}, as callers and subscribers see it, from its record. */
final class WorkshopViews {
  private WorkshopViews() {}

  static WorkshopState of(String id, long seq, WorkshopRecord state, String node) {
    List<WorkshopState.Participant> list = new ArrayList<>();
    for (WorkshopRecord.Participant p : state.participants()) {
      list.add(new WorkshopState.Participant(p.id(), p.name(), p.sessionId(), p.joinedAt()));
    }
    return new WorkshopState(
        id,
        seq,
        state.title(),
        state.scenario(),
        state.openSteps(),
        state.spotlight(),
        state.code(),
        state.codeExpiresAt(),
        state.closed(),
        list,
        node,
        state.endsAt());
  }
}
