package io.downhill.loadtest;

import io.downhill.loadtest.ServerApi.CreatedSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * The participants of {@link StepLoad}: each asks its own session for {@code steps} steps, and asks
 * again as soon as the answer arrives, until the room is told to stop. Every answer's step number
 * is checked against the one before it, so a request that made more or fewer steps than it asked
 * for is counted, not hidden in a rate. Answers arrive on the client's event loops; the counters
 * are safe to read from the main thread.
 */
final class StepRoom {
  /** What the room had done at one instant. */
  record Counts(long answers, long stepsAsked, long stepsMade, long nanos) {}

  private final ServerApi api;
  private final int steps;
  private final List<Participant> participants = new ArrayList<>();
  private final Recorder latency = new Recorder(3);
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong stepsMade = new AtomicLong();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger wrongAnswers = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile boolean stopping;

  /** One participant: its session and the step number its last answer gave. */
  private static final class Participant {
    final CreatedSession session;
    long step;

    Participant(CreatedSession session) {
      this.session = session;
    }
  }

  StepRoom(ServerApi api, List<CreatedSession> sessions, int steps) {
    this.api = api;
    this.steps = steps;
    sessions.forEach(session -> participants.add(new Participant(session)));
  }

  /** Every participant sends its first request. */
  void start() {
    participants.forEach(this::ask);
  }

  /** No participant asks again; the requests in flight still finish. */
  void stop() {
    stopping = true;
  }

  int inFlight() {
    return inFlight.get();
  }

  Counts counts() {
    long answered = answers.get();
    return new Counts(answered, answered * steps, stepsMade.get(), System.nanoTime());
  }

  /** The latencies recorded since the last call, in microseconds. */
  org.HdrHistogram.Histogram latencySinceLast() {
    return latency.getIntervalHistogram();
  }

  int errors() {
    return errors.get();
  }

  /** Answers whose step number was not the one before it plus the steps asked. */
  int wrongAnswers() {
    return wrongAnswers.get();
  }

  String firstError() {
    return firstError.get();
  }

  /** The step number each session's last answer gave, in the order the sessions were given. */
  List<Long> lastSteps() {
    return participants.stream().map(p -> p.step).toList();
  }

  private void ask(Participant participant) {
    if (stopping) {
      return;
    }
    inFlight.incrementAndGet();
    long sent = System.nanoTime();
    api.steps(participant.session, steps)
        .onComplete(
            answer -> {
              inFlight.decrementAndGet();
              if (answer.failed()) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, answer.cause().getMessage());
                return; // a participant whose request failed stops; the run fails
              }
              long made = answer.result() - participant.step;
              participant.step = answer.result();
              if (made != steps) {
                wrongAnswers.incrementAndGet();
              }
              latency.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
              stepsMade.addAndGet(made);
              answers.incrementAndGet();
              ask(participant);
            });
  }
}
