package io.downhill.numerics.training;

/**
 * One step of gradient descent, as the lesson prints it: the loss at the parameters before the
 * update, the gradient the update used, the parameters after it, and the learning rate it used. All
 * values are finite.
 *
 * @param step the step's number, counting from 1 since the last reset
 */
public record StepRecord(
    long step, double loss, double[] gradient, double[] params, double learningRate) {}
