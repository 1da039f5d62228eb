package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;
import java.util.List;
import java.util.Locale;

/**
 * A sweep as it stands.
 *
 * @param id the sweep's id
 * @param seq the number of its last published event
 * @param step the lock-step the sweep has reached
 * @param steps the steps each variant takes unless it stops earlier
 * @param targetLoss the target (NaN for none)
 * @param status running, paused or finished
 * @param variants every variant
 * @param node the cluster node that hosts the sweep now
 * @param stepsPerSecond the pace of its runs (0: as fast as it goes)
 */
public record SweepState(
    String id,
    long seq,
    long step,
    long steps,
    double targetLoss,
    Status status,
    List<VariantState> variants,
    String node,
    double stepsPerSecond)
    implements DownhillSerializable {

  /** What a sweep is doing; its wire name is lower case. */
  public enum Status {
    RUNNING,
    PAUSED,
    FINISHED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
