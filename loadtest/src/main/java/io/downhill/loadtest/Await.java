package io.downhill.loadtest;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future from the load test's main thread, which drives the phases in order;
 * never called on an event loop. Every wait is bounded.
 */
final class Await {
  private Await() {}

  static <T> T result(Future<T> future, Duration timeout, String what) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " took longer than " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted");
    }
  }

  /**
   * Waits as {@link #result} does, but a failure or a timeout is only printed, prefixed with the
   * tool's {@code name}: for the clean-up at the end, which must not hide the result before it.
   */
  static void quietly(Future<?> future, Duration timeout, String what, String name) {
    try {
      result(future, timeout, what);
    } catch (IllegalStateException e) {
      System.err.println(name + ": " + e.getMessage());
    }
  }
}
