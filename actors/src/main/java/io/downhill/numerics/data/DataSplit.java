package io.downhill.numerics.data;

/**
 * A session's points split in two: those it trains on and those held out to measure how well the
 * fit carries over to points it never saw. The held-out set is empty without a validation share.
 */
public record DataSplit(Dataset training, Dataset validation) {}
