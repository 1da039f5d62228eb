package io.downhill.session;

import io.downhill.cluster.DownhillSerializable;
import io.downhill.numerics.training.StepRecord;
import java.util.List;

/**
 * The most recent steps of a session in primitive arrays that grow as steps come, up to a limit;
 * past it they form a ring that drops the oldest, so a long run costs bounded memory and an idle
 * session almost none. Owned by one session actor.
 */
public final class StepHistory {
  private static final int INITIAL_CAPACITY = 64;

  private final int limit;
  private final int parameters;
  private int capacity;
  private long[] steps;
  private double[] losses;
  private double[] validationLosses;
  private double[] rates;
  private double[] params;
  private double[] gradients;
  private int start;
  private int size;
  private long dropped;

  StepHistory(int limit, int parameters) {
    this.limit = limit;
    this.parameters = parameters;
    allocate(Math.min(limit, INITIAL_CAPACITY));
  }

  private void allocate(int newCapacity) {
    capacity = newCapacity;
    steps = new long[capacity];
    losses = new double[capacity];
    validationLosses = new double[capacity];
    rates = new double[capacity];
    params = new double[capacity * parameters];
    gradients = new double[capacity * parameters];
  }

  /** Doubles the arrays (up to the limit); only while the ring has not wrapped, so start is 0. */
  private void grow() {
    int newCapacity = (int) Math.min(limit, 2L * capacity);
    steps = java.util.Arrays.copyOf(steps, newCapacity);
    losses = java.util.Arrays.copyOf(losses, newCapacity);
    validationLosses = java.util.Arrays.copyOf(validationLosses, newCapacity);
    rates = java.util.Arrays.copyOf(rates, newCapacity);
    params = java.util.Arrays.copyOf(params, newCapacity * parameters);
    gradients = java.util.Arrays.copyOf(gradients, newCapacity * parameters);
    capacity = newCapacity;
  }

  void add(StepRecord record) {
    if (size == capacity && capacity < limit) {
      grow();
    }
    int slot;
    if (size < capacity) {
      slot = (start + size++) % capacity;
    } else {
      slot = start;
      start = (start + 1) % capacity;
      dropped++;
    }
    steps[slot] = record.step();
    losses[slot] = record.loss();
    validationLosses[slot] = record.validationLoss();
    rates[slot] = record.learningRate();
    System.arraycopy(record.params(), 0, params, slot * parameters, parameters);
    System.arraycopy(record.gradient(), 0, gradients, slot * parameters, parameters);
  }

  /** Steps recorded since the last reset, kept or dropped. */
  long seen() {
    return size + dropped;
  }

  /** The recorded step with this number, if it is still kept. */
  java.util.Optional<StepRecord> find(long step) {
    for (int i = 0; i < size; i++) {
      int slot = (start + i) % capacity;
      if (steps[slot] == step) {
        double[] p = new double[parameters];
        double[] g = new double[parameters];
        System.arraycopy(params, slot * parameters, p, 0, parameters);
        System.arraycopy(gradients, slot * parameters, g, 0, parameters);
        return java.util.Optional.of(
            new StepRecord(step, losses[slot], g, p, rates[slot], validationLosses[slot]));
      }
    }
    return java.util.Optional.empty();
  }

  void clear() {
    allocate(Math.min(limit, INITIAL_CAPACITY));
    start = 0;
    size = 0;
    dropped = 0;
  }

  History snapshot(String id, List<String> parameterNames) {
    return page(id, parameterNames, 0, Integer.MAX_VALUE);
  }

  /**
   * At most {@code limit} kept steps numbered {@code from} or later, oldest first: a page, so an
   * answer never has to copy the whole ring.
   */
  History page(String id, List<String> parameterNames, long from, int limit) {
    int first = firstAtOrAfter(from);
    int count = Math.min(size - first, Math.max(0, limit));
    long[] outSteps = new long[count];
    double[] outLoss = new double[count];
    double[] outValidation = new double[count];
    double[] outRates = new double[count];
    double[][] outParams = new double[count][parameters];
    double[][] outGrads = new double[count][parameters];
    for (int i = 0; i < count; i++) {
      int slot = (start + first + i) % capacity;
      outSteps[i] = steps[slot];
      outLoss[i] = losses[slot];
      outValidation[i] = validationLosses[slot];
      outRates[i] = rates[slot];
      System.arraycopy(params, slot * parameters, outParams[i], 0, parameters);
      System.arraycopy(gradients, slot * parameters, outGrads[i], 0, parameters);
    }
    return new History(
        id,
        parameterNames,
        dropped,
        seen(),
        outSteps,
        outLoss,
        outParams,
        outGrads,
        outRates,
        outValidation);
  }

  /** The position of the first kept step numbered {@code from} or later (step numbers rise). */
  private int firstAtOrAfter(long from) {
    int low = 0;
    int high = size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (steps[(start + middle) % capacity] < from) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /**
   * Recorded steps of a session since its last reset, oldest first: all it keeps, or a page of
   * them.
   *
   * @param dropped how many earlier steps no longer fit and are not kept
   * @param recorded how many steps were made since the last reset, kept or dropped (the number of
   *     the last one); the steps kept are {@code dropped + 1 … recorded}, this answer holds some
   * @param validationLoss each step's held-out loss (NaN when the session holds no points out)
   */
  public record History(
      String id,
      List<String> parameterNames,
      long dropped,
      long recorded,
      long[] steps,
      double[] loss,
      double[][] params,
      double[][] grad,
      double[] lr,
      double[] validationLoss)
      implements DownhillSerializable {

    /** Whether any of these steps reports a held-out loss. */
    public boolean hasValidationLoss() {
      for (double v : validationLoss) {
        if (!Double.isNaN(v)) {
          return true;
        }
      }
      return false;
    }

    /**
     * A history made of these steps, oldest first, of the {@code recorded} made, the first {@code
     * dropped} of them no longer kept.
     */
    public static History of(
        String id,
        List<String> parameterNames,
        long dropped,
        long recorded,
        List<StepRecord> records) {
      int n = records.size();
      long[] steps = new long[n];
      double[] loss = new double[n];
      double[] lr = new double[n];
      double[] validation = new double[n];
      double[][] params = new double[n][];
      double[][] grad = new double[n][];
      for (int i = 0; i < n; i++) {
        StepRecord r = records.get(i);
        steps[i] = r.step();
        loss[i] = r.loss();
        lr[i] = r.learningRate();
        validation[i] = r.validationLoss();
        params[i] = r.params();
        grad[i] = r.gradient();
      }
      return new History(
          id, parameterNames, dropped, recorded, steps, loss, params, grad, lr, validation);
    }
  }
}
