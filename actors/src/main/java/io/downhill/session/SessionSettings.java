package io.downhill.session;

import com.typesafe.config.Config;
import io.downhill.numerics.training.SpecLimits;
import java.time.Duration;

/**
 * The session settings, read once from {@code downhill.session} and {@code downhill.limits}.
 *
 * @param sliceBudget how long one chunk of steps may hold a thread
 * @param maxStepsPerSlice the most steps in one chunk (and so in one published batch)
 * @param maxStepRequest the most steps one step request may ask for (all are returned)
 * @param maxRunSteps the most steps one run may ask for
 * @param pacedSliceInterval how often a paced run takes its next chunk, at the most
 * @param limits the bounds of a spec
 * @param historyLimit the most recent steps a session keeps for export
 * @param checkpointInterval how often a running session writes its trainer state to the journal
 * @param passivateAfter how long an idle session (no run, no subscriber) stays in memory
 * @param subscriptionLease how long a subscription lasts unless its subscriber renews it
 * @param maxFailures failures within {@code failureWindow} after which a session stays failed
 * @param failureWindow the window in which failures are counted
 * @param idleExpiry how long a session nobody commands or watches is kept before it is deleted
 */
public record SessionSettings(
    Duration sliceBudget,
    int maxStepsPerSlice,
    int maxStepRequest,
    long maxRunSteps,
    Duration pacedSliceInterval,
    SpecLimits limits,
    int historyLimit,
    Duration checkpointInterval,
    Duration passivateAfter,
    Duration subscriptionLease,
    int maxFailures,
    Duration failureWindow,
    Duration idleExpiry) {

  public static SessionSettings from(Config config) {
    Config session = config.getConfig("downhill.session");
    Config limits = config.getConfig("downhill.limits");
    return new SessionSettings(
        session.getDuration("slice-budget"),
        session.getInt("max-steps-per-slice"),
        session.getInt("max-step-request"),
        session.getLong("max-run-steps"),
        session.getDuration("paced-slice-interval"),
        new SpecLimits(
            limits.getInt("max-points"),
            limits.getInt("max-degree"),
            limits.getInt("max-units"),
            limits.getDouble("max-magnitude"),
            limits.getLong("max-tensor-elements")),
        session.getInt("history-limit"),
        session.getDuration("checkpoint-interval"),
        session.getDuration("passivate-after"),
        config.getDuration("downhill.watch.lease"),
        session.getInt("max-failures"),
        session.getDuration("failure-window"),
        session.getDuration("idle-expiry"));
  }
}
