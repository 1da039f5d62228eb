package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
  private static StreamMessage steps(long firstSeq, long seq) {
    return new StreamMessage("steps", "s", firstSeq, seq, 0, 3, null);
  }

  private static StreamMessage state(long seq) {
    return new StreamMessage("state", "s", seq, seq, 0, 0, "run-started");
  }

  private static StreamMessage skipped(long firstSeq, long seq) {
    return new StreamMessage("skipped", "s", firstSeq, seq, 0, 500, null);
  }

  @Test
  void consecutiveMessagesHaveNoGap() {
    SeqTracker tracker = new SeqTracker();
    tracker.observe(state(1));
    tracker.observe(steps(2, 4));
    tracker.observe(steps(5, 5));
    tracker.observe(state(6));

    assertThat(tracker.gaps()).isZero();
    assertThat(tracker.stale()).isZero();
  }

  @Test
  void aMissingRangeIsAGapWithItsEventsCounted() {
    SeqTracker tracker = new SeqTracker();
    tracker.observe(steps(1, 4));
    tracker.observe(steps(8, 9));

    assertThat(tracker.gaps()).isEqualTo(1);
    assertThat(tracker.missingEvents()).isEqualTo(3);
  }

  @Test
  void aSkippedMessageCoversTheRangeItNames() {
    SeqTracker tracker = new SeqTracker();
    tracker.observe(steps(1, 4));
    tracker.observe(skipped(5, 90));
    tracker.observe(steps(91, 92));

    assertThat(tracker.gaps()).isZero();
  }

  @Test
  void statesRepeatedAfterACatchUpAreStaleNotGaps() {
    SeqTracker tracker = new SeqTracker();
    tracker.observe(steps(1, 4));
    tracker.observe(skipped(5, 90));
    tracker.observe(state(60));
    tracker.observe(state(90));
    tracker.observe(steps(91, 91));

    assertThat(tracker.gaps()).isZero();
    assertThat(tracker.stale()).isEqualTo(2);
  }

  @Test
  void theFirstMessageSetsTheStart() {
    SeqTracker tracker = new SeqTracker();
    tracker.observe(state(4711));
    tracker.observe(steps(4712, 4713));

    assertThat(tracker.gaps()).isZero();
  }
}
