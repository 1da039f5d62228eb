package io.downhill.gateway.cli;

/**
 * One variant's outcome.
 *
 * @param firstBelowTarget the step whose loss first fell below the target, or -1
 */
record SweepResult(
    double learningRate,
    double finalLoss,
    double bestLoss,
    long firstBelowTarget,
    boolean diverged,
    long steps) {}
