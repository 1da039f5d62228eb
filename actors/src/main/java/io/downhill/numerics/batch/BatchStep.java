package io.downhill.numerics.batch;

/**
 * One lock-step of a batch: for each variant, the loss at its parameters before the update (as a
 * single session reports it) and the rate used. {@code stepped[k]} is false for a variant that
 * stopped at this step (its loss is then that of its last parameters, or of its last finite ones if
 * it diverged, and no update was made) or earlier (its loss is then NaN).
 *
 * @param step the step's number, from 1
 */
public record BatchStep(long step, double[] losses, double[] rates, boolean[] stepped) {}
