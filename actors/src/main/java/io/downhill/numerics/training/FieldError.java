package io.downhill.numerics.training;

/**
 * Why an input was refused, naming the field in the terms a client used.
 *
 * @param field the field's path, e.g. {@code lr} or {@code init[2]}
 * @param message what is wrong, in a sentence
 */
public record FieldError(String field, String message) {}
