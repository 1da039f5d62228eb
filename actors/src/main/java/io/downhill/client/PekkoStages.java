package io.downhill.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Moves the stages Pekko's Java API returns (an ask, a stream's materialized value) onto the actor
 * system's default dispatcher before anyone chains on them.
 *
 * <p>Such a stage is a Scala future seen as a {@link CompletableFuture} whose {@code thenApply},
 * {@code whenComplete} and every other plain step are turned into their {@code …Async} form on the
 * JDK's default executor: the common fork-join pool, or — on a machine whose common pool has one
 * thread, as with two cores — a new thread for every step. A server that chained on asks directly
 * started a thread for every request. The stage this returns is a plain one, completed on the
 * default dispatcher, whose dependents run there as usual.
 */
public final class PekkoStages {
  private PekkoStages() {}

  /** {@code stage}'s outcome, completed on {@code system}'s default dispatcher. */
  public static <T> CompletableFuture<T> onDispatcher(
      ActorSystem<?> system, CompletionStage<T> stage) {
    return onDispatcher(system, stage, Function.identity());
  }

  /** The same, a failure replaced by {@code failureAs} of it. */
  static <T> CompletableFuture<T> onDispatcher(
      ActorSystem<?> system, CompletionStage<T> stage, Function<Throwable, Throwable> failureAs) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenCompleteAsync(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(failureAs.apply(failure));
          }
        },
        system.executionContext());
    return result;
  }
}
