package io.downhill.watch;

import java.util.Locale;

/**
 * Why an entity's published state changed: each entity's {@code Change} enum implements this, so
 * sessions, sweeps and workshops name their changes one way on the wire, in lower case with hyphens
 * ({@code RUN_STARTED} is {@code run-started}).
 */
public interface ChangeKind {
  String name();

  /** The name pages read: {@code run-started} for {@code RUN_STARTED}. */
  default String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
