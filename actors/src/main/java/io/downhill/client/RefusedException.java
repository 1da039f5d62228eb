package io.downhill.client;

import io.downhill.access.Refused;
import java.util.concurrent.CompletionException;

/**
 * The failure of a {@link DownhillClient} stage whose entity refused the command: it carries the
 * {@link Refused} value (its kind, the field at fault and a message for a person), so a caller can
 * map it to its own errors without parsing text. Refusals are expected answers, so it has no stack
 * trace.
 */
public final class RefusedException extends RuntimeException {
  private final transient Refused refused;

  public RefusedException(Refused refused) {
    super(refused.message(), null, false, false);
    this.refused = refused;
  }

  public Refused refused() {
    return refused;
  }

  /**
   * The refusal a stage failed with, or null when it failed otherwise (a timeout, a crash); looks
   * through the {@link CompletionException} that dependent stages wrap failures in.
   */
  public static Refused of(Throwable failure) {
    Throwable cause = failure;
    while (cause != null) {
      if (cause instanceof RefusedException refusal) {
        return refusal.refused();
      }
      cause = cause.getCause();
    }
    return null;
  }

  /** What a failed ask becomes: a refusal carried in a status reply becomes this exception. */
  static Throwable translate(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    Refused refused = Refused.of(cause);
    return refused != null ? new RefusedException(refused) : cause;
  }
}
