package io.downhill.session;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.Divergence;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/**
 * A session's state at one moment, as plain values.
 *
 * @param id the session's id
 * @param seq the sequence number of the last event the session published
 * @param step steps completed since the last reset
 * @param loss the loss at the current parameters (may be non-finite for extreme parameters)
 * @param params the current parameters
 * @param gradient the gradient the last step used (zeros before the first)
 * @param parameterNames the parameters' names, in order
 * @param learningRate the base learning rate
 * @param nextLearningRate the rate the next step will use, after the schedule
 * @param accumulateGradients whether gradients are summed across steps
 * @param status idle, running, diverged or failed
 * @param runRemaining steps left in the current run (0 when idle)
 * @param divergence why the run diverged, or null
 * @param spec the spec the session was created from
 * @param node the cluster node that hosts the session now ({@code host:port})
 * @param failure why the session failed for good, or null
 */
public record Snapshot(
    String id,
    long seq,
    long step,
    double loss,
    double[] params,
    double[] gradient,
    List<String> parameterNames,
    double learningRate,
    double nextLearningRate,
    boolean accumulateGradients,
    Status status,
    long runRemaining,
    Divergence divergence,
    TrainingSpec spec,
    String node,
    String failure)
    implements DownhillSerializable {}
