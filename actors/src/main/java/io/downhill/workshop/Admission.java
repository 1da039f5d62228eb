package io.downhill.workshop;

import io.downhill.access.Refused;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * Who may join a workshop: the current code before it expires, a proper name that nobody in the
 * room has yet, and room left.
 */
final class Admission {
  private Admission() {}

  /** Why this join is refused, or null when it may go ahead. */
  static Refused check(
      WorkshopRecord state,
      String typedCode,
      String name,
      Collection<String> pendingNames,
      WorkshopSettings settings,
      Instant now) {
    String code = JoinCode.normalize(typedCode);
    if (state.code() == null || !state.code().equals(code) || now.isAfter(state.codeExpiresAt())) {
      return Refused.notFound("code", "this join code is expired or revoked");
    }
    Refused badName = nameRefusal(name, settings.maxNameLength());
    if (badName != null) {
      return badName;
    }
    String key = nameKey(name);
    boolean taken =
        pendingNames.stream().anyMatch(pending -> nameKey(pending).equals(key))
            || state.participants().stream().anyMatch(p -> nameKey(p.name()).equals(key));
    if (taken) {
      return new Refused(
          Refused.Kind.CONFLICT,
          "name",
          "is taken by someone in this workshop: add an initial or a surname");
    }
    if (state.participants().size() + pendingNames.size() >= settings.maxParticipants()) {
      return Refused.limit(
          "this workshop is full (" + settings.maxParticipants() + " participants)");
    }
    return null;
  }

  /**
   * What two names must differ in to tell two people apart on the instructor's screen: not case,
   * not the width or composition of a character (NFKC), not the spaces between words. "Bob", "bob"
   * and "Ｂｏｂ" are one name.
   */
  static String nameKey(String name) {
    String folded = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
    return folded.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * Why a display name is refused, or null. Names appear on every screen in the room, so they must
   * look like what they are: 1 to {@code maxLength} characters (code points, so an emoji counts
   * once), at least one of them visible, and none that is invisible or reorders the text around it
   * (controls, format characters such as U+202E or U+200B, lone surrogates, unassigned ones).
   */
  static Refused nameRefusal(String name, int maxLength) {
    String stripped = name == null ? "" : name.strip();
    int length = stripped.codePointCount(0, stripped.length());
    if (length < 1 || length > maxLength) {
      return Refused.invalid("name", "must be 1 to " + maxLength + " characters");
    }
    boolean visible = false;
    for (int i = 0; i < stripped.length(); ) {
      int c = stripped.codePointAt(i);
      if (isForbidden(c)) {
        return Refused.invalid(
            "name",
            String.format("may not hold control, formatting or unassigned characters (U+%04X)", c));
      }
      visible |= isVisible(c);
      i += Character.charCount(c);
    }
    return visible ? null : Refused.invalid("name", "must hold at least one visible character");
  }

  private static boolean isForbidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || isBidiControl(c);
  }

  /** Embeddings, overrides, isolates and marks: all Cf today, named so a reader sees them. */
  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C;
  }

  /** Whether the character leaves a mark of its own: not a space, a combining mark or a filler. */
  private static boolean isVisible(int c) {
    int type = Character.getType(c);
    if (Character.isWhitespace(c)
        || type == Character.SPACE_SEPARATOR
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK) {
      return false;
    }
    // Letters and symbols that render as blank space.
    return c != 0x2800 && c != 0x3164 && c != 0x115F && c != 0x1160 && c != 0xFFA0;
  }
}
