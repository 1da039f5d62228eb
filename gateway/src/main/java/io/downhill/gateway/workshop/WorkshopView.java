package io.downhill.gateway.workshop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.gateway.session.SpecView;
import io.downhill.workshop.WorkshopState;
import java.util.List;

/**
 * A workshop on the wire. The instructor sees the code and the participants; everyone else the
 * public part. The reply that opens a workshop also carries the instructor token and the recovery
 * link, once. Display names are plain strings: clients show them as text, never as markup.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkshopView(
    String id,
    String instructorToken,
    String recoveryLink,
    long seq,
    String title,
    SpecView scenario,
    int openSteps,
    String spotlight,
    String spotlightName,
    String code,
    String codeExpiresAt,
    boolean closed,
    List<ParticipantView> participants,
    String node,
    String endsAt) {

  /**
   * The instructor's page with the workshop and its token in the URL fragment: a browser never
   * sends a fragment to a server, so the token stays out of request lines and logs.
   */
  static String recoveryLink(String workshopId, String instructorToken) {
    return "/workshop/instructor.html#workshop=" + workshopId + "&token=" + instructorToken;
  }

  public record ParticipantView(String id, String name, String session, String joinedAt) {}

  public static WorkshopView of(WorkshopState s, boolean instructor, String instructorToken) {
    WorkshopState shown = instructor ? s : s.publicView();
    return new WorkshopView(
        shown.id(),
        instructorToken,
        instructorToken == null ? null : recoveryLink(shown.id(), instructorToken),
        shown.seq(),
        shown.title(),
        SpecView.of(shown.scenario()),
        shown.openSteps(),
        shown.spotlight(),
        s.participants().stream()
            .filter(p -> p.session().equals(s.spotlight()))
            .map(WorkshopState.Participant::name)
            .findFirst()
            .orElse(null),
        shown.code(),
        instructor && shown.codeExpiresAt() != null ? shown.codeExpiresAt().toString() : null,
        shown.closed(),
        instructor
            ? shown.participants().stream()
                .map(
                    p ->
                        new ParticipantView(p.id(), p.name(), p.session(), p.joinedAt().toString()))
                .toList()
            : null,
        s.node(),
        s.endsAt() == null ? null : s.endsAt().toString());
  }
}
