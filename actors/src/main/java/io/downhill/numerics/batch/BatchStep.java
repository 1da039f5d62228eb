package io.downhill.numerics.batch;

/**
 * One lock-step of a batch: for each variant, the loss at its parameters before the update (as a
 * single session reports it) and the rate used; {@code stepped[k]} is false for a variant that had
 * already stopped, or stopped at this step (then its loss is that of its last parameters and no
 * update was made).
 *
 * @param step the step's number, from 1
 */
public record BatchStep(long step, double[] losses, double[] rates, boolean[] stepped) {}
