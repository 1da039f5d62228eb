package io.downhill.session;

import java.util.Locale;

/** What a session is doing. */
public enum Status {
  /** Waiting for a command. */
  IDLE,
  /** Working through a run or a step request, chunk by chunk. */
  RUNNING,
  /** Stopped on a non-finite value; set parameters or reset to go on. */
  DIVERGED,
  /** Failed too often to restart again; reset it or delete it (see the snapshot's failure). */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
