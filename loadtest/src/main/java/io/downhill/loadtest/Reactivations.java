package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Brings passivated sessions back, one at a time, and checks they step on from where they were. A
 * touch reads the session's state ({@code GET}: the command that brings it back from its journal,
 * so its latency is the reactivation's, and the step must still be 0), then makes one step ({@code
 * POST …/steps}: the reply's state must be at step 1). Touches are sequential so that each latency
 * is one reactivation's alone, not a queue's.
 */
final class Reactivations {
  /**
   * What the touches found.
   *
   * @param asked touches asked for
   * @param answered touches whose first request was answered
   * @param atStepZero of those, sessions whose state was still at step 0
   * @param continued touches whose step was answered with a state at step 1
   * @param firstError the first failure's message, or null
   * @param reactivationMicros latency of each touch's first request, in microseconds
   * @param stepMicros latency of the step right after it, on the session now in memory
   * @param seconds how long all the touches took
   */
  record Result(
      int asked,
      int answered,
      int atStepZero,
      int continued,
      String firstError,
      Histogram reactivationMicros,
      Histogram stepMicros,
      double seconds) {}

  /** Latencies above a minute are recorded as a minute; a request times out after one anyway. */
  static final long MAX_LATENCY_MICROS = 60_000_000L;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final ServerApi api;
  private final PrintStream out;

  Reactivations(ServerApi api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  /**
   * Touches {@code asked} distinct sessions picked at random (with {@code seed}) from {@code all}.
   */
  Result touch(List<CreatedSession> all, int asked, long seed) {
    Histogram reactivation = new Histogram(MAX_LATENCY_MICROS, 3);
    Histogram step = new Histogram(MAX_LATENCY_MICROS, 3);
    int answered = 0;
    int atStepZero = 0;
    int continued = 0;
    String firstError = null;
    long started = System.nanoTime();
    long lastPrint = started;
    for (int index : pick(all.size(), Math.min(asked, all.size()), new Random(seed))) {
      CreatedSession session = all.get(index);
      try {
        long state = timed(() -> api.step(session), reactivation, "reading a passivated session");
        answered++;
        if (state == 0) {
          atStepZero++;
        }
        long stepped = timed(() -> api.steps(session, 1), step, "stepping a reactivated session");
        if (stepped == 1) {
          continued++;
        } else if (firstError == null) {
          firstError = "session " + session.id() + " went from step " + state + " to " + stepped;
        }
      } catch (IllegalStateException e) {
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
      long now = System.nanoTime();
      if (now - lastPrint >= 10_000_000_000L) {
        out.printf(
            Locale.ROOT,
            "  %6.0fs  touched %,d of %,d%n",
            (now - started) / 1e9,
            reactivation.getTotalCount(),
            asked);
        lastPrint = now;
      }
    }
    return new Result(
        asked,
        answered,
        atStepZero,
        continued,
        firstError,
        reactivation,
        step,
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Sends one request and records how long its answer took, timed from the send to the moment the
   * answer arrives on the client's event loop (not when this thread wakes up to read it).
   */
  private static long timed(Supplier<Future<Long>> request, Histogram into, String what) {
    long sent = System.nanoTime();
    Future<long[]> answer =
        request.get().map(value -> new long[] {value, (System.nanoTime() - sent) / 1000});
    long[] valueAndMicros = Await.result(answer, REQUEST_TIMEOUT, what);
    into.recordValue(Math.max(1, Math.min(MAX_LATENCY_MICROS, valueAndMicros[1])));
    return valueAndMicros[0];
  }

  /**
   * {@code m} distinct indices out of {@code 0..n-1}, uniformly at random: the first {@code m}
   * places of a Fisher–Yates shuffle. Distinct, because a session touched twice would be in memory
   * the second time.
   */
  static int[] pick(int n, int m, Random random) {
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("cannot pick " + m + " of " + n);
    }
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
    return Arrays.copyOf(indices, m);
  }
}
