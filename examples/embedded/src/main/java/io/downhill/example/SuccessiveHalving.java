package io.downhill.example;

import io.downhill.client.DownhillClient;
import io.downhill.numerics.training.TrainingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A learning-rate search by successive halving, as a larger system would run one over Downhill: one
 * session per rate, all run a rung of steps side by side, the better half (by the loss their events
 * report) goes on with twice the steps, until one rate remains. Every session it made is deleted
 * when it returns.
 */
final class SuccessiveHalving {
  /** The longest a rung run flat out may take; a paced one is given its pace's time too. */
  private static final Duration RUNG_TIMEOUT = Duration.ofMinutes(2);

  private final DownhillClient client;
  private final TrainingSpec base;
  private final double stepsPerSecond;
  private final Consumer<String> progress;

  /**
   * @param base the spec every rate starts from (its data, model, loss and start)
   * @param stepsPerSecond the pace of each run (0: as fast as it goes), so people can watch
   * @param progress told of each session made and each rung begun, as a line of text
   */
  SuccessiveHalving(
      DownhillClient client, TrainingSpec base, double stepsPerSecond, Consumer<String> progress) {
    this.client = client;
    this.base = base;
    this.stepsPerSecond = stepsPerSecond;
    this.progress = progress;
  }

  /** Searches {@code rates}, the first rung {@code firstBudget} steps long. */
  SearchResult search(List<Double> rates, long firstBudget) {
    if (rates.isEmpty() || firstBudget < 1) {
      throw new IllegalArgumentException("a search needs rates and a first budget of 1 or more");
    }
    List<Trial> trials =
        await(
            all(rates.stream().map(r -> Trial.open(client, base.withLearningRate(r))).toList()),
            RUNG_TIMEOUT);
    trials.forEach(
        t -> progress.accept("session " + t.id() + ": rate " + SearchTable.rate(t.rate())));
    try {
      List<SearchResult.Rung> rungs = new ArrayList<>();
      List<Trial> alive = trials;
      long budget = firstBudget;
      while (true) {
        long steps = budget;
        progress.accept(
            "rung "
                + (rungs.size() + 1)
                + ": "
                + alive.size()
                + " rates, "
                + steps
                + " steps each");
        List<Outcome> outcomes =
            new ArrayList<>(
                await(
                    all(alive.stream().map(t -> t.run(steps, stepsPerSecond)).toList()),
                    timeoutFor(steps)));
        outcomes.sort(Comparator.comparingDouble(Outcome::rankingLoss));
        List<Outcome> finite = outcomes.stream().filter(o -> !o.diverged()).toList();
        if (finite.isEmpty()) {
          throw new IllegalStateException(
              "every learning rate diverged in rung " + (rungs.size() + 1));
        }
        List<Outcome> better = finite.subList(0, Math.min(finite.size(), (alive.size() + 1) / 2));
        List<Double> kept = better.stream().map(Outcome::rate).toList();
        rungs.add(new SearchResult.Rung(rungs.size() + 1, budget, List.copyOf(outcomes), kept));
        if (kept.size() == 1) {
          return new SearchResult(
              List.copyOf(rungs), better.get(0), trials.stream().map(Trial::id).toList());
        }
        alive = alive.stream().filter(t -> kept.contains(t.rate())).toList();
        budget *= 2;
      }
    } finally {
      await(all(trials.stream().map(Trial::delete).toList()), RUNG_TIMEOUT);
    }
  }

  private static <T> CompletableFuture<List<T>> all(List<? extends CompletionStage<T>> stages) {
    List<CompletableFuture<T>> futures =
        stages.stream().map(CompletionStage::toCompletableFuture).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  private Duration timeoutFor(long steps) {
    return stepsPerSecond > 0
        ? RUNG_TIMEOUT.plusMillis((long) (2000 * steps / stepsPerSecond))
        : RUNG_TIMEOUT;
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("the search stopped: " + e.getMessage(), e);
    }
  }
}
