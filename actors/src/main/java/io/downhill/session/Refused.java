package io.downhill.session;

/**
 * Why a command was refused, as a value carried in a {@code StatusReply} error: no stack trace, a
 * field name where one input is at fault, and a kind that a gateway maps to a status code.
 */
public final class Refused extends RuntimeException implements io.downhill.DownhillSerializable {
  private static final long serialVersionUID = 1L;

  /** What sort of refusal. */
  public enum Kind {
    /** The input is malformed or out of range. */
    INVALID,
    /** The command does not fit the session's current state. */
    CONFLICT,
    /** No such session. */
    NOT_FOUND,
    /** A configured limit is reached. */
    LIMIT
  }

  private final Kind kind;
  private final String field;

  public Refused(Kind kind, String field, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public static Refused invalid(String field, String message) {
    return new Refused(Kind.INVALID, field, message);
  }

  public Kind kind() {
    return kind;
  }

  /** The field at fault, or null when no single field is. */
  public String field() {
    return field;
  }
}
