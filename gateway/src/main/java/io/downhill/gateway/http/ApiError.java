package io.downhill.gateway.http;

import io.downhill.access.Refused;

/**
 * A refusal on its way to a client: the HTTP status, the message and the field at fault. Carries no
 * stack trace; it is a value, not a crash.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;
  private final long retryAfterSeconds;

  public ApiError(int status, String field, String message) {
    this(status, field, message, 0);
  }

  /** A refusal that may be tried again after {@code retryAfterSeconds} (a limit's 429). */
  public ApiError(int status, String field, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds after which the same request may succeed, or 0 when that is not known. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(400, field, message);
  }

  /** The status for a refusal from an actor. */
  public static ApiError from(Refused refused) {
    int status =
        switch (refused.kind()) {
          case INVALID -> 400;
          case CONFLICT -> 409;
          case NOT_FOUND -> 404;
          case FORBIDDEN -> 403;
          case LIMIT -> 429;
        };
    return new ApiError(status, refused.field(), refused.message());
  }

  public int status() {
    return status;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
