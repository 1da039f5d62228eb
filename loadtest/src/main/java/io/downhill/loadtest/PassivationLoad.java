package io.downhill.loadtest;

import io.downhill.loadtest.SessionCreator.Creation;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The passivation load test: what an idle, passivated session costs the server and how fast one
 * comes back. Against a freshly started server it reads the baseline memory (after a forced full
 * GC), creates {@code --sessions} sessions with bounded concurrency, waits until they have all left
 * memory, reads the memory again, then brings {@code --touch} random ones back one at a time,
 * timing each reactivation and checking the session steps on from step 0 to step 1. Prints one
 * table; {@code loadtest/run-passivation.sh} starts and stops the server around it.
 *
 * <p>Exits 0 when every sanity check passed (whether or not the memory goal was met), 1 when one
 * failed, 2 on a bad command line or a failed step, 3 when it overran its own time limit.
 */
public final class PassivationLoad {
  private static final String PRESET = "notebook";

  private final PassivationOptions options;
  private final PrintStream out;

  private PassivationLoad(PassivationOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    PassivationOptions options =
        CommandLines.parseOrExit(
            "passivation load", args, PassivationOptions::parse, PassivationOptions.Flags::new);
    startWatchdog(options);
    int exit;
    try {
      exit = new PassivationLoad(options, System.out).run();
    } catch (RuntimeException e) {
      System.err.println("passivation load failed: " + e.getMessage());
      exit = 2;
    }
    System.exit(exit);
  }

  /**
   * Stops the whole process if it runs far past any plausible length: ten minutes, plus a tenth of
   * a second per session (creation slower than 10 per second is broken anyway), plus the wait for
   * passivation, plus a second per touch.
   */
  private static void startWatchdog(PassivationOptions options) {
    long limitSeconds =
        600L + options.sessions() / 10 + options.passivationWait().toSeconds() + options.touch();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(limitSeconds * 1000);
                System.err.println("passivation load: still running after " + limitSeconds + " s");
                Runtime.getRuntime().halt(3);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "passivation-load-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private int run() {
    out.printf(
        Locale.ROOT,
        "Downhill passivation load: %,d sessions (%d requests in flight), passivate-after %s,"
            + " then %,d touches one at a time (seed %d), server pid %d at %s%n",
        options.sessions(),
        options.concurrency(),
        options.passivateAfter(),
        options.touch(),
        options.seed(),
        options.serverPid(),
        options.url());
    // One event loop: the client only keeps a few dozen requests in flight, and the server needs
    // the machine's other core more than this generator does.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    ServerApi api = new ServerApi(vertx, options.url(), options.concurrency());
    try {
      MemoryReading before = MemoryReading.take(api, options.serverPid());
      ClassHistogram heapBefore = ClassHistogram.of(options.serverPid());
      out.printf(
          Locale.ROOT,
          "baseline after a full GC: heap %s, resident %s, %d sessions in memory%n",
          PassivationReport.megabytes(before.heapUsedBytes()),
          PassivationReport.megabytes(before.rssBytes()),
          before.sessionsInMemory());

      out.printf(Locale.ROOT, "creating %,d sessions (preset %s)…%n", options.sessions(), PRESET);
      Creation creation =
          new SessionCreator(vertx, api, options.concurrency(), out)
              .create(options.sessions(), PRESET);
      out.printf(
          Locale.ROOT,
          "created %,d of %,d sessions in %.1f s (%,.0f/s)%n",
          creation.sessions().size(),
          creation.asked(),
          creation.seconds(),
          creation.perSecond());
      if (creation.sessions().isEmpty()) {
        throw new IllegalStateException("no session was created: " + creation.firstError());
      }

      int allowed =
          before.sessionsInMemory() + PassivationWait.allowance(creation.sessions().size());
      out.printf(
          Locale.ROOT,
          "waiting up to %d s until at most %,d sessions are in memory…%n",
          options.passivationWait().toSeconds(),
          allowed);
      PassivationWait.Outcome passivation =
          PassivationWait.await(api, allowed, options.passivationWait(), out);
      MemoryReading after = MemoryReading.take(api, options.serverPid());
      ClassHistogram heapAfter = ClassHistogram.of(options.serverPid());
      out.printf(
          Locale.ROOT,
          "after %.1f s: %,d sessions in memory; after a full GC: heap %s, resident %s%n",
          passivation.seconds(),
          after.sessionsInMemory(),
          PassivationReport.megabytes(after.heapUsedBytes()),
          PassivationReport.megabytes(after.rssBytes()));

      out.printf(
          Locale.ROOT, "touching %,d passivated sessions, one at a time…%n", options.touch());
      Reactivations.Result touches =
          new Reactivations(api, out).touch(creation.sessions(), options.touch(), options.seed());

      PassivationReport.Figures figures =
          new PassivationReport.Figures(
              creation, passivation, before, after, heapBefore, heapAfter, touches);
      boolean passed = new PassivationReport(out).print(options, figures);
      return passed ? 0 : 1;
    } finally {
      api.close();
      Await.quietly(vertx.close(), Duration.ofSeconds(10), "stopping Vert.x", "passivation load");
    }
  }
}
