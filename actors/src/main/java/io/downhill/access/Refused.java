package io.downhill.access;

import io.downhill.cluster.DownhillSerializable;
import java.util.Locale;
import org.apache.pekko.pattern.StatusReply;

/**
 * Why a command was refused, as a plain value: a kind that a gateway maps to a status code, the
 * field at fault (or null) and a message for a person. It travels inside {@code StatusReply.error}
 * as one line of text, because an exception does not cross nodes through Jackson on Java 17; {@link
 * #of(Throwable)} reads it back on the other side.
 *
 * @param kind what sort of refusal
 * @param field the field at fault, or null when no single field is
 * @param message what went wrong, for a person
 */
public record Refused(Kind kind, String field, String message) implements DownhillSerializable {

  /** What sort of refusal. */
  public enum Kind {
    /** The input is malformed or out of range. */
    INVALID,
    /** The command does not fit the entity's current state. */
    CONFLICT,
    /** No such entity. */
    NOT_FOUND,
    /** The caller's token does not allow this command. */
    FORBIDDEN,
    /** A configured limit is reached. */
    LIMIT
  }

  private static final char SEPARATOR = '\u001f';

  public static Refused invalid(String field, String message) {
    return new Refused(Kind.INVALID, field, message);
  }

  public static Refused conflict(String message) {
    return new Refused(Kind.CONFLICT, null, message);
  }

  public static Refused notFound(String field, String message) {
    return new Refused(Kind.NOT_FOUND, field, message);
  }

  public static Refused forbidden(String field, String message) {
    return new Refused(Kind.FORBIDDEN, field, message);
  }

  public static Refused limit(String message) {
    return new Refused(Kind.LIMIT, null, message);
  }

  /** This refusal as the error of a {@code StatusReply}. */
  public <T> StatusReply<T> reply() {
    return StatusReply.error(
        kind.name().toLowerCase(Locale.ROOT)
            + SEPARATOR
            + (field == null ? "" : field)
            + SEPARATOR
            + message);
  }

  /**
   * The refusal carried by a failed ask, or null when the failure is something else (a timeout, a
   * crash).
   */
  public static Refused of(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof StatusReply.ErrorMessage)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return null;
    }
    String text = cause.getMessage();
    int first = text.indexOf(SEPARATOR);
    int second = first < 0 ? -1 : text.indexOf(SEPARATOR, first + 1);
    if (second < 0) {
      return new Refused(Kind.INVALID, null, text);
    }
    Kind kind;
    try {
      kind = Kind.valueOf(text.substring(0, first).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      kind = Kind.INVALID;
    }
    String field = text.substring(first + 1, second);
    return new Refused(kind, field.isEmpty() ? null : field, text.substring(second + 1));
  }
}
