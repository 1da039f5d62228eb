package io.downhill.client;

import io.downhill.access.OwnerToken;
import io.downhill.sweep.Sweep;
import io.downhill.sweep.SweepEvent;
import io.downhill.sweep.SweepSpec;
import io.downhill.sweep.SweepState;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every command of Downhill's sweeps as a method that returns a {@link CompletionStage}, and
 * subscriptions to their events. Given by {@link DownhillClient#sweeps()}; lives as long as its
 * client, and is safe to share between threads.
 */
public final class Sweeps {
  private final ClusterSharding sharding;
  private final Asker asker;
  private final Subscriptions subscriptions;

  Sweeps(ClusterSharding sharding, Asker asker, Subscriptions subscriptions) {
    this.sharding = sharding;
    this.asker = asker;
    this.subscriptions = subscriptions;
  }

  /** Creates a sweep (paused) with a new id; the reply carries its owner token. */
  public CompletionStage<Sweep.Created> create(SweepSpec spec) {
    return ask(OwnerToken.newId(), r -> new Sweep.Create(spec, r));
  }

  public CompletionStage<SweepState> state(String id) {
    return ask(id, Sweep.GetState::new);
  }

  /** Runs (or resumes) every variant up to the sweep's step count. */
  public CompletionStage<SweepState> run(String id, String token) {
    return ask(id, r -> new Sweep.Run(token, r));
  }

  public CompletionStage<SweepState> pause(String id, String token) {
    return ask(id, r -> new Sweep.Pause(token, r));
  }

  public CompletionStage<SweepState> reset(String id, String token) {
    return ask(id, r -> new Sweep.Reset(token, r));
  }

  /** Every variant's recorded loss curve. */
  public CompletionStage<Sweep.Curves> curves(String id) {
    return ask(id, Sweep.GetCurves::new);
  }

  public CompletionStage<Done> delete(String id, String token) {
    return ask(id, r -> new Sweep.Delete(token, r));
  }

  /** Sends sweep {@code id} any command that answers with a status reply. */
  public <T> CompletionStage<T> ask(
      String id, Function<ActorRef<StatusReply<T>>, Sweep.Command> command) {
    return asker.askWithStatus(sharding.entityRefFor(Sweep.TYPE_KEY, id), command);
  }

  /** Hands every event of sweep {@code id} to {@code onEvent}, as for a session. */
  public Subscription subscribe(String id, Consumer<? super SweepEvent> onEvent) {
    return subscribe(id, Runnable::run, onEvent);
  }

  public Subscription subscribe(
      String id, Executor executor, Consumer<? super SweepEvent> onEvent) {
    return subscriptions.forwarding(id, source(id), executor, onEvent);
  }

  public Subscription subscribe(String id, ActorRef<SweepEvent> subscriber) {
    return subscriptions.renewing(id, source(id), subscriber);
  }

  private Subscriber.Source<SweepEvent> source(String id) {
    return Subscriber.Source.of(
        "sweep",
        SweepEvent.class,
        sharding.entityRefFor(Sweep.TYPE_KEY, id),
        Sweep.Subscribe::new,
        Sweep.Unsubscribe::new);
  }
}
