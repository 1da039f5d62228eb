package io.downhill.sweep;

import io.downhill.cluster.DownhillSerializable;

/**
 * A sweep's durable state, folded from its journal.
 *
 * @param spec null before the sweep was created
 * @param status running, paused or finished
 * @param groupSteps the lock-steps each group of variants had reached (null: none yet)
 */
public record SweepRecord(
    SweepSpec spec, byte[] ownerDigest, String status, long[] groupSteps, boolean deleted)
    implements DownhillSerializable {

  public static final SweepRecord EMPTY = new SweepRecord(null, null, "paused", null, false);

  public boolean live() {
    return spec != null && !deleted;
  }

  public SweepRecord apply(SweepJournalEvent event) {
    if (event instanceof SweepJournalEvent.Created c) {
      return new SweepRecord(c.spec(), c.ownerDigest(), "paused", null, false);
    }
    if (event instanceof SweepJournalEvent.RunStarted r) {
      return with("running", r.groupSteps());
    }
    if (event instanceof SweepJournalEvent.RunPaused p) {
      return with("paused", p.groupSteps());
    }
    if (event instanceof SweepJournalEvent.Progressed p) {
      return with(status, p.groupSteps());
    }
    if (event instanceof SweepJournalEvent.Finished f) {
      return with("finished", f.groupSteps());
    }
    if (event instanceof SweepJournalEvent.ResetDone) {
      return with("paused", null);
    }
    if (event instanceof SweepJournalEvent.Deleted) {
      return new SweepRecord(spec, ownerDigest, status, groupSteps, true);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private SweepRecord with(String newStatus, long[] newSteps) {
    return new SweepRecord(spec, ownerDigest, newStatus, newSteps, deleted);
  }
}
