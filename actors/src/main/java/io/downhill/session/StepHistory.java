package io.downhill.session;

import io.downhill.DownhillSerializable;
import io.downhill.numerics.training.StepRecord;
import java.util.List;

/**
 * The most recent steps of a session, in a ring of fixed capacity held in primitive arrays, so a
 * long run costs bounded memory. Owned by one session actor.
 */
public final class StepHistory {
  private final int capacity;
  private final int parameters;
  private final long[] steps;
  private final double[] losses;
  private final double[] rates;
  private final double[] params;
  private final double[] gradients;
  private int start;
  private int size;
  private long dropped;

  StepHistory(int capacity, int parameters) {
    this.capacity = capacity;
    this.parameters = parameters;
    this.steps = new long[capacity];
    this.losses = new double[capacity];
    this.rates = new double[capacity];
    this.params = new double[capacity * parameters];
    this.gradients = new double[capacity * parameters];
  }

  void add(StepRecord record) {
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
    rates[slot] = record.learningRate();
    System.arraycopy(record.params(), 0, params, slot * parameters, parameters);
    System.arraycopy(record.gradient(), 0, gradients, slot * parameters, parameters);
  }

  void clear() {
    start = 0;
    size = 0;
    dropped = 0;
  }

  History snapshot(String id, List<String> parameterNames) {
    long[] outSteps = new long[size];
    double[] outLoss = new double[size];
    double[] outRates = new double[size];
    double[][] outParams = new double[size][parameters];
    double[][] outGrads = new double[size][parameters];
    for (int i = 0; i < size; i++) {
      int slot = (start + i) % capacity;
      outSteps[i] = steps[slot];
      outLoss[i] = losses[slot];
      outRates[i] = rates[slot];
      System.arraycopy(params, slot * parameters, outParams[i], 0, parameters);
      System.arraycopy(gradients, slot * parameters, outGrads[i], 0, parameters);
    }
    return new History(
        id, parameterNames, dropped, outSteps, outLoss, outParams, outGrads, outRates);
  }

  /**
   * A session's recorded steps since its last reset, oldest first.
   *
   * @param dropped how many earlier steps no longer fit and are not included
   */
  public record History(
      String id,
      List<String> parameterNames,
      long dropped,
      long[] steps,
      double[] loss,
      double[][] params,
      double[][] grad,
      double[] lr)
      implements DownhillSerializable {}
}
