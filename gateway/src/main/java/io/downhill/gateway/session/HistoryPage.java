package io.downhill.gateway.session;

import java.util.List;

/**
 * One page of a session's history: the kept steps are {@code dropped + 1 … dropped + total}, this
 * page holds those from {@code from} on, at most {@code limit}, and {@code next} is the {@code
 * from} of the following page, or null after the last.
 */
public record HistoryPage(
    String id,
    List<String> paramNames,
    long dropped,
    long total,
    long from,
    long limit,
    Long next,
    List<StepView> steps) {}
