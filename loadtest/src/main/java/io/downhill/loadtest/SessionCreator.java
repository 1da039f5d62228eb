package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates many sessions through {@code POST /api/sessions} with a fixed number of requests in
 * flight: each answer sends the next request, so the server is never offered more than {@code
 * concurrency} at once however fast or slow it answers. Keeps every id and token, and prints a
 * progress line every ten seconds, since a hundred thousand sessions take minutes.
 */
final class SessionCreator {
  /** What the creation made. */
  record Creation(
      List<CreatedSession> sessions,
      int asked,
      int failed,
      int retried,
      String firstError,
      double seconds) {
    double perSecond() {
      return sessions.size() / seconds;
    }
  }

  /** Tries of a request the server answers 503 (a session slow to answer its first command). */
  private static final int ATTEMPTS = 3;

  private static final long PROGRESS_SECONDS = 10;

  /** Creation gives up when no session at all was answered for this long. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(120);

  private final Vertx vertx;
  private final ServerApi api;
  private final int concurrency;
  private final PrintStream out;

  SessionCreator(Vertx vertx, ServerApi api, int concurrency, PrintStream out) {
    this.vertx = vertx;
    this.api = api;
    this.concurrency = concurrency;
    this.out = out;
  }

  /** Creates {@code count} sessions from {@code preset}; a failed one is counted, not fatal. */
  Creation create(int count, String preset) {
    Batch batch = new Batch(count, preset);
    long started = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, count); i++) {
      batch.sendNext();
    }
    awaitWithProgress(batch, started);
    List<CreatedSession> sessions = new ArrayList<>(count);
    for (CreatedSession session : batch.made) {
      if (session != null) {
        sessions.add(session);
      }
    }
    return new Creation(
        sessions,
        count,
        batch.failed.get(),
        batch.retried.get(),
        batch.firstError.get(),
        (System.nanoTime() - started) / 1e9);
  }

  private void awaitWithProgress(Batch batch, long started) {
    int lastFinished = 0;
    long lastProgressNanos = started;
    long lastPrintNanos = started;
    while (true) {
      try {
        batch.done.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        int finished = batch.finished.get();
        if (finished > lastFinished) {
          lastProgressNanos = now;
        } else if (now - lastProgressNanos > STALL_LIMIT.toNanos()) {
          throw new IllegalStateException(
              "creating sessions: no answer for " + STALL_LIMIT.toSeconds() + " s");
        }
        printProgress(batch, finished, lastFinished, (now - lastPrintNanos) / 1e9, started);
        lastFinished = finished;
        lastPrintNanos = now;
      } catch (ExecutionException e) {
        throw new IllegalStateException("creating sessions failed: " + e.getCause(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("creating sessions was interrupted");
      }
    }
  }

  /** One line: how far, how fast lately, and what the server holds meanwhile. */
  private void printProgress(
      Batch batch, int finished, int finishedBefore, double seconds, long started) {
    String server;
    try {
      ServerMetrics metrics = Await.result(api.metrics(), Duration.ofSeconds(5), "metrics");
      server =
          String.format(
              Locale.ROOT,
              "; in memory %,d, heap %,.0f MB",
              metrics.sessions(),
              metrics.heapUsedBytes() / 1048576.0);
    } catch (IllegalStateException e) {
      server = "; metrics unavailable";
    }
    out.printf(
        Locale.ROOT,
        "  %6.0fs  created %,d of %,d (%,.0f/s lately)%s%s%n",
        (System.nanoTime() - started) / 1e9,
        finished - batch.failed.get(),
        batch.count,
        (finished - finishedBefore) / seconds,
        batch.failed.get() > 0 ? ", " + batch.failed.get() + " failed" : "",
        server);
  }

  /** The state of one creation, shared by the event loop's callbacks and the waiting thread. */
  private final class Batch {
    final int count;
    final String preset;
    final CreatedSession[] made;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicReference<String> firstError = new AtomicReference<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Batch(int count, String preset) {
      this.count = count;
      this.preset = preset;
      this.made = new CreatedSession[count];
    }

    void sendNext() {
      int index = next.getAndIncrement();
      if (index >= count) {
        return;
      }
      createRetrying(ATTEMPTS)
          .onComplete(
              answer -> {
                if (answer.succeeded()) {
                  made[index] = answer.result();
                } else {
                  failed.incrementAndGet();
                  firstError.compareAndSet(null, answer.cause().getMessage());
                }
                if (finished.incrementAndGet() == count) {
                  done.complete(null);
                } else {
                  // through the event loop, so that requests failing at once cannot recurse deep
                  vertx.runOnContext(ignored -> sendNext());
                }
              });
    }

    private Future<CreatedSession> createRetrying(int attempts) {
      return ServerApi.retryingUnavailable(
          vertx, () -> api.createSession(preset), attempts, retried);
    }
  }
}
