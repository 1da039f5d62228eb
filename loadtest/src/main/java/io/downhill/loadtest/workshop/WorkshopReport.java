package io.downhill.loadtest.workshop;

import io.downhill.loadtest.PaceVerdict;
import io.downhill.loadtest.ProcessCpu;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The summary {@link WorkshopLoad} prints once the window has closed, and the exit status it earns.
 * Kept apart from the driving of the workshop so that the figures and the verdict can be read in
 * one place, and so that the load test's main method stays a list of its phases.
 *
 * <p>The participants' figures are summed when the report is made, at the end of the window and
 * before the workshop is paused; the instructor's are read when the report is printed.
 */
final class WorkshopReport {
  private final WorkshopLoad.Options options;
  private final WorkshopWatcher instructor;
  private final List<WorkshopWatcher> participants;
  private final double seconds;
  private final long machineBusyAtStart;
  private final long machineBusyTicks;
  private final long heapSum;
  private final long heapMax;
  private final int samples;
  private final Histogram participantLatency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
  private long participantFrames;
  private long participantSteps;
  private long gaps;
  private long skipped;

  /**
   * @param seconds how long the window lasted
   * @param machineBusyAtStart the machine's busy ticks when the window opened, negative where they
   *     cannot be read
   * @param machineBusyTicks the machine's busy ticks during the window
   * @param heapSum the server's heap used, summed over the window's samples
   * @param heapMax the most heap the server used in any sample
   * @param samples how many times the server's heap was read
   */
  WorkshopReport(
      WorkshopLoad.Options options,
      WorkshopWatcher instructor,
      List<WorkshopWatcher> participants,
      double seconds,
      long machineBusyAtStart,
      long machineBusyTicks,
      long heapSum,
      long heapMax,
      int samples) {
    this.options = options;
    this.instructor = instructor;
    this.participants = participants;
    this.seconds = seconds;
    this.machineBusyAtStart = machineBusyAtStart;
    this.machineBusyTicks = machineBusyTicks;
    this.heapSum = heapSum;
    this.heapMax = heapMax;
    this.samples = samples;
    gaps = instructor.gaps;
    skipped = instructor.skipped;
    for (WorkshopWatcher w : participants) {
      participantLatency.add(w.latency);
      participantFrames += w.frames;
      participantSteps += w.steps;
      gaps += w.gaps;
      skipped += w.skipped;
    }
  }

  /**
   * Prints the summary.
   *
   * @return the exit status: 1 when a client saw a sequence gap or the server made less than it was
   *     asked while the machine had CPU, else 0
   */
  int print() {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "participants                 %d (each its own WebSocket and session)%n",
        participants.size());
    System.out.printf(
        Locale.ROOT,
        "measured                     %.1f s after %d s warm-up%n",
        seconds,
        options.warmup.toSeconds());
    System.out.printf(
        Locale.ROOT, "instructor frames/s          %.1f%n", instructor.frames / seconds);
    System.out.printf(
        Locale.ROOT,
        "instructor steps/s shown     %.0f (of %d sessions)%n",
        instructor.steps / seconds,
        participants.size());
    System.out.printf(
        Locale.ROOT,
        "instructor step-to-screen    p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        ms(instructor.latency, 50),
        ms(instructor.latency, 99),
        instructor.latency.getMaxValue() / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "participant frames/s (each)  %.1f%n",
        participantFrames / seconds / participants.size());
    System.out.printf(
        Locale.ROOT, "participant steps/s (total)  %.0f%n", participantSteps / seconds);
    System.out.printf(
        Locale.ROOT,
        "participant step-to-screen   p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        ms(participantLatency, 50),
        ms(participantLatency, 99),
        participantLatency.getMaxValue() / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "server heap used             avg %d MB  max %d MB%n",
        heapSum / Math.max(1, samples) >> 20,
        heapMax >> 20);
    System.out.printf(Locale.ROOT, "sequence gaps / skipped      %d / %d%n", gaps, skipped);
    // Each participant watches only their own session: what they received is what was made.
    PaceVerdict pace =
        new PaceVerdict(
            options.stepsPerSecond * participants.size(),
            participantSteps / seconds,
            machineBusyAtStart < 0
                ? Double.NaN
                : machineBusyTicks
                    / ProcessCpu.TICKS_PER_SECOND
                    / seconds
                    / Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "steps made / asked           %s%n", pace.describe());
    return gaps > 0 || pace.failed() ? 1 : 0;
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
