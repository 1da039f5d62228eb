package io.downhill.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a step request: the last steps that fit the answer's budget, and the state after
 * them. When some had to be left out, {@code truncated} is true, {@code omitted} says how many of
 * the first ones, and {@code history} is the page of the history that starts with them.
 */
public record StepsView(
    List<StepView> steps,
    SessionView state,
    boolean truncated,
    long omitted,
    @JsonInclude(JsonInclude.Include.NON_NULL) String history) {}
