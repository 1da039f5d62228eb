package io.downhill.sweep;

import io.downhill.DownhillSerializable;
import io.downhill.numerics.training.TrainingSpec;
import java.util.List;

/**
 * A sweep: K variants trained side by side on the same data from the same start, differing in
 * learning rate and optionally optimizer, schedule, loss or model size.
 *
 * @param variants the variants, in the order a client listed them
 * @param steps steps each variant takes unless it stops earlier
 * @param targetLoss a variant stops once its loss falls below this (NaN for no target)
 */
public record SweepSpec(List<TrainingSpec> variants, long steps, double targetLoss)
    implements DownhillSerializable {
  public SweepSpec {
    variants = List.copyOf(variants);
  }
}
