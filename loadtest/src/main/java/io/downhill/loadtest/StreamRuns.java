package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts and pauses the runs of {@link StreamLoad}'s sessions. A saturated server answers some of
 * these requests 503, so each is retried, and how long they took and how many were retried is
 * printed as part of the result. Kept apart from {@link StreamLoad}, which drives the test's phases
 * in order, because starting and pausing every run, with the retries, the failures that are not
 * fatal and their report, is a concern of its own that would otherwise hide those phases.
 */
final class StreamRuns {
  /** The longest run the server accepts ({@code downhill.session.max-run-steps}). */
  private static final long MAX_RUN_STEPS = 10_000_000L;

  /** Tries of a run or pause request the server answers 503. */
  private static final int ATTEMPTS = 6;

  private final LoadOptions options;
  private final Vertx vertx;
  private final ServerApi api;
  private final PrintStream out;

  StreamRuns(LoadOptions options, Vertx vertx, ServerApi api, PrintStream out) {
    this.options = options;
    this.vertx = vertx;
    this.api = api;
    this.out = out;
  }

  /**
   * Starts every run. A request the server answers 503 (its session did not answer within the ask
   * timeout, as happens when the machine is saturated) is sent again after a second, up to {@link
   * #ATTEMPTS} times in all: starting a run twice only sets its length again. How long the answers
   * took and how many were retried is printed, as it is part of the result.
   *
   * @return how many runs never started (the test goes on with the others, and fails at the end)
   */
  int start(List<CreatedSession> sessions) {
    double pace = options.stepsPerSecond();
    long planned = options.warmupSeconds() + options.durationSeconds() + 120L;
    long count =
        pace == 0 ? MAX_RUN_STEPS : Math.min(MAX_RUN_STEPS, (long) Math.ceil(pace * planned));
    long started = System.nanoTime();
    AtomicInteger retried = new AtomicInteger();
    AtomicLong slowestNanos = new AtomicLong();
    List<Future<Void>> runs = new ArrayList<>();
    for (CreatedSession session : sessions) {
      runs.add(
          ServerApi.retryingUnavailable(
                  vertx, () -> api.run(session, Math.max(1, count), pace), ATTEMPTS, retried)
              .onSuccess(
                  ok -> slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max)));
    }
    int failed = 0;
    String failure = "";
    for (Future<Void> run : runs) {
      try {
        Await.result(run, StreamLoad.SETUP_TIMEOUT, "starting a run");
      } catch (IllegalStateException e) {
        failed++;
        failure = e.getMessage();
      }
    }
    if (failed == sessions.size()) {
      throw new IllegalStateException("no run started: " + failure);
    }
    out.printf(
        Locale.ROOT,
        "started %d runs of %,d steps in %.1f s (%d requests retried after 503)%n",
        sessions.size() - failed,
        count,
        slowestNanos.get() / 1e9,
        retried.get());
    if (failed > 0) {
      out.printf(
          Locale.ROOT,
          "WARNING: %d runs did not start after %d tries; measuring the others. Last error: %s%n",
          failed,
          ATTEMPTS,
          failure);
    }
    return failed;
  }

  /** Pauses every run, retrying 503s; a run that will not pause is reported, not fatal. */
  void pause(List<CreatedSession> sessions) {
    long started = System.nanoTime();
    AtomicInteger retried = new AtomicInteger();
    List<Future<Void>> paused = new ArrayList<>();
    for (CreatedSession session : sessions) {
      paused.add(ServerApi.retryingUnavailable(vertx, () -> api.pause(session), ATTEMPTS, retried));
    }
    int failed = 0;
    for (Future<Void> pause : paused) {
      try {
        Await.result(pause, StreamLoad.SETUP_TIMEOUT, "pausing a run");
      } catch (IllegalStateException e) {
        failed++;
      }
    }
    out.printf(
        Locale.ROOT,
        "paused the runs in %.1f s (%d requests retried after 503, %d runs did not pause)%n",
        StreamLoad.seconds(started),
        retried.get(),
        failed);
  }
}
