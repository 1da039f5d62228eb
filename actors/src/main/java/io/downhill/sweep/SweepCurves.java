package io.downhill.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every variant's loss curve, kept for export and thinned to every {@code stride}-th step so its
 * size stays bounded whatever the sweep's length; groups that run apart are merged by step number.
 * Owned by one sweep actor.
 */
final class SweepCurves {
  /** The most loss values a sweep keeps for export, over all variants. */
  static final long CURVE_BUDGET = 2_000_000;

  private final int variants;
  private final long stride;
  private final List<Long> steps = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();

  SweepCurves(int variants, long stepsPerVariant) {
    this.variants = variants;
    long points = Math.max(1, (long) variants * stepsPerVariant);
    this.stride = Math.max(1, (points + CURVE_BUDGET - 1) / CURVE_BUDGET);
  }

  /** Keeps every stride-th step of a chunk's losses: {@code losses[i][j]} at fromStep + j. */
  void record(long fromStep, int[] indices, double[][] losses) {
    for (int j = 0; j < losses[0].length; j++) {
      long step = fromStep + j;
      if (step % stride != 0 && step != 1) {
        continue;
      }
      int row = rowFor(step);
      for (int i = 0; i < indices.length; i++) {
        rows.get(row)[indices[i]] = losses[i][j];
      }
    }
  }

  private int rowFor(long step) {
    int position = steps.size() - 1;
    while (position >= 0 && steps.get(position) > step) {
      position--;
    }
    if (position >= 0 && steps.get(position) == step) {
      return position;
    }
    double[] row = new double[variants];
    Arrays.fill(row, Double.NaN);
    steps.add(position + 1, step);
    rows.add(position + 1, row);
    return position + 1;
  }

  void clear() {
    steps.clear();
    rows.clear();
  }

  Sweep.Curves export(SweepState state) {
    double[][] losses = new double[variants][steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      double[] row = rows.get(i);
      for (int k = 0; k < variants; k++) {
        losses[k][i] = row[k];
      }
    }
    long[] stepArray = steps.stream().mapToLong(Long::longValue).toArray();
    return new Sweep.Curves(state, stride, stepArray, losses);
  }
}
