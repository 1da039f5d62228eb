package io.downhill.gateway.api;

import io.downhill.access.Refused;

/**
 * A refusal on its way to a client: the HTTP status, the message and the field at fault. Carries no
 * stack trace; it is a value, not a crash.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public ApiError(int status, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
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
