package io.downhill.client;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The one ask behind every command of a {@link DownhillClient}: it waits {@link
 * DownhillSettings#askTimeout()} and turns an entity's refusal into a {@link RefusedException}.
 * Lives as long as its client.
 */
final class Asker {
  private final ActorSystem<?> system;
  private final DownhillSettings settings;

  Asker(ActorSystem<?> system, DownhillSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  <Q, T> CompletionStage<T> ask(RecipientRef<Q> target, Function<ActorRef<T>, Q> message) {
    return translated(
        AskPattern.ask(target, message::apply, settings.askTimeout(), system.scheduler()));
  }

  <Q, T> CompletionStage<T> askWithStatus(
      RecipientRef<Q> target, Function<ActorRef<StatusReply<T>>, Q> message) {
    return translated(
        AskPattern.askWithStatus(
            target, message::apply, settings.askTimeout(), system.scheduler()));
  }

  /**
   * The ask's outcome on the default dispatcher ({@link PekkoStages}), failed with a {@link
   * RefusedException} where the entity refused.
   */
  private <T> CompletionStage<T> translated(CompletionStage<T> stage) {
    return PekkoStages.onDispatcher(system, stage, RefusedException::translate);
  }
}
