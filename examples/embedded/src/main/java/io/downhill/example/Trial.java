package io.downhill.example;

import io.downhill.client.DownhillClient;
import io.downhill.client.Subscription;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionEvent;
import io.downhill.session.Snapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;

/**
 * One learning rate under search: a session of its own, driven with its owner token and watched
 * through a subscription, whose events say how far each run got and where it ended. Lives from
 * {@link #open} to {@link #delete}.
 */
final class Trial {
  private final DownhillClient client;
  private final double rate;
  private final Session.Created session;
  private final AtomicLong stepsThisRung = new AtomicLong();
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  private volatile CompletableFuture<Outcome> rungEnd;
  private Subscription subscription;

  private Trial(DownhillClient client, double rate, Session.Created session) {
    this.client = client;
    this.rate = rate;
    this.session = session;
  }

  /** Creates the session and completes once its subscription stands. */
  static CompletionStage<Trial> open(DownhillClient client, TrainingSpec spec) {
    return client
        .sessions()
        .create(spec)
        .thenCompose(
            created -> {
              Trial trial = new Trial(client, spec.learningRate(), created);
              // Runs are started only after the subscription is in place, so no step is missed.
              trial.subscription = client.sessions().subscribe(created.id(), trial::onEvent);
              return trial.subscribed.thenApply(ignored -> trial);
            });
  }

  double rate() {
    return rate;
  }

  String id() {
    return session.id();
  }

  /** Runs {@code steps} more steps; completes with the outcome the run's last event tells. */
  CompletionStage<Outcome> run(long steps, double stepsPerSecond) {
    stepsThisRung.set(0);
    CompletableFuture<Outcome> end = new CompletableFuture<>();
    rungEnd = end;
    client
        .sessions()
        .run(session.id(), session.token(), steps, stepsPerSecond)
        .whenComplete(
            (accepted, failure) -> {
              if (failure != null) {
                end.completeExceptionally(failure);
              }
            });
    return end;
  }

  /** Stops watching and deletes the session. */
  CompletionStage<Done> delete() {
    subscription.close();
    return client.sessions().delete(session.id(), session.token());
  }

  /** Called one event at a time, in order, on the subscription's actor. */
  private void onEvent(SessionEvent event) {
    if (event instanceof SessionEvent.Stepped stepped) {
      stepsThisRung.addAndGet(stepped.steps().size());
      return;
    }
    SessionEvent.StateChanged changed = (SessionEvent.StateChanged) event;
    CompletableFuture<Outcome> end = rungEnd;
    switch (changed.change()) {
      case SUBSCRIBED -> subscribed.complete(null);
      case RUN_FINISHED -> {
        if (end != null) {
          end.complete(outcome(changed.snapshot(), false));
        }
      }
      case DIVERGED -> {
        if (end != null) {
          end.complete(outcome(changed.snapshot(), true));
        }
      }
      case FAILED, STOPPED -> {
        if (end != null) {
          end.completeExceptionally(
              new IllegalStateException("session " + id() + " " + changed.change().wireName()));
        }
      }
      default -> {
        // Started, paused, recovered …: the run goes on.
      }
    }
  }

  private Outcome outcome(Snapshot snapshot, boolean diverged) {
    return new Outcome(
        rate, session.id(), stepsThisRung.get(), snapshot.step(), snapshot.loss(), diverged);
  }
}
