package io.downhill.numerics.training;

/**
 * Why a run stopped on a non-finite value. The parameters kept are the last finite ones.
 *
 * @param step the step that produced the non-finite value
 * @param reason what became non-finite ("loss", "gradient" or "params")
 */
public record Divergence(long step, String reason) {}
