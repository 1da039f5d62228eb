package io.downhill.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import scala.concurrent.Promise;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Failure;
import scala.util.Success;

class PekkoStagesTest {
  static final ActorTestKit testKit = ActorTestKit.create("stages");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A stage as Pekko's Java API hands one out: a Scala future seen as a CompletionStage. */
  private static <T> CompletionStage<T> pekkoStage(Promise<T> promise) {
    return FutureConverters.asJava(promise.future());
  }

  /** Completes {@code promise} from a thread of its own, as the answering actor would. */
  private static void completeElsewhere(Runnable completion) throws InterruptedException {
    Thread completer = new Thread(completion, "completer");
    completer.start();
    completer.join();
  }

  @Test
  void dependentsRunOnTheDefaultDispatcher() throws Exception {
    Promise<String> promise = Promise.apply();
    CompletableFuture<String> ranOn =
        PekkoStages.onDispatcher(testKit.system(), pekkoStage(promise))
            .thenApply(value -> value + " on " + Thread.currentThread().getName());
    completeElsewhere(() -> promise.complete(new Success<>("done")));
    assertThat(ranOn.get(10, TimeUnit.SECONDS))
        .startsWith("done on stages-pekko.actor.default-dispatcher-");
  }

  @Test
  void aFailureArrivesAsItWas() throws Exception {
    Promise<String> promise = Promise.apply();
    IllegalStateException failure = new IllegalStateException("refused");
    CompletableFuture<String> stage =
        PekkoStages.onDispatcher(testKit.system(), pekkoStage(promise));
    completeElsewhere(() -> promise.complete(new Failure<>(failure)));
    try {
      stage.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the stage did not fail");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isSameAs(failure);
    }
  }

  @Test
  void anAnswerAfterTheSystemStoppedStillCompletesTheStage() throws Exception {
    ActorTestKit stopped = ActorTestKit.create("stopped");
    Promise<String> promise = Promise.apply();
    CompletableFuture<String> stage =
        PekkoStages.onDispatcher(stopped.system(), pekkoStage(promise));
    stopped.shutdownTestKit();
    Thread.sleep(3000); // past the dispatcher's shutdown-timeout (1 s): its threads are gone
    completeElsewhere(() -> promise.complete(new Success<>("late")));
    assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("late");
  }
}
