package io.downhill.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.downhill.session.Snapshot;
import java.util.List;

/**
 * A session's state on the wire. {@code token} appears once, in the answer to the request that
 * created the session, and never again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(
    String id,
    String token,
    long seq,
    long step,
    double loss,
    double[] params,
    double[] grad,
    List<String> paramNames,
    double lr,
    double nextLr,
    boolean accumulateGradients,
    String status,
    long runRemaining,
    DivergenceView divergence,
    SpecView spec,
    String node,
    String failure) {

  /** Why a run diverged: the step, and what became non-finite. */
  public record DivergenceView(long step, String reason) {}

  public static SessionView of(Snapshot snapshot) {
    return of(snapshot, null);
  }

  public static SessionView of(Snapshot s, String token) {
    return new SessionView(
        s.id(),
        token,
        s.seq(),
        s.step(),
        s.loss(),
        s.params(),
        s.gradient(),
        s.parameterNames(),
        s.learningRate(),
        s.nextLearningRate(),
        s.accumulateGradients(),
        s.status().wireName(),
        s.runRemaining(),
        s.divergence() == null
            ? null
            : new DivergenceView(s.divergence().step(), s.divergence().reason()),
        SpecView.of(s.spec()),
        s.node(),
        s.failure());
  }
}
