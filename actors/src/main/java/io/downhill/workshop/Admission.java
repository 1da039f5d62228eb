package io.downhill.workshop;

import io.downhill.access.Refused;
import java.time.Instant;

/** Who may join a workshop: the current code before it expires, a proper name, and room left. */
final class Admission {
  private Admission() {}

  /** Why this join is refused, or null when it may go ahead. */
  static Refused check(
      WorkshopRecord state,
      String typedCode,
      String name,
      int pendingJoins,
      WorkshopSettings settings,
      Instant now) {
    String code = JoinCode.normalize(typedCode);
    if (state.code() == null || !state.code().equals(code) || now.isAfter(state.codeExpiresAt())) {
      return Refused.notFound("code", "this join code is expired or revoked");
    }
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()
        || stripped.length() > settings.maxNameLength()
        || stripped.codePoints().anyMatch(Character::isISOControl)) {
      return Refused.invalid(
          "name", "must be 1 to " + settings.maxNameLength() + " printable characters");
    }
    if (state.participants().size() + pendingJoins >= settings.maxParticipants()) {
      return Refused.limit(
          "this workshop is full (" + settings.maxParticipants() + " participants)");
    }
    return null;
  }
}
