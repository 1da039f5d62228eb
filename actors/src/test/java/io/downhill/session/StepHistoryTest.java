package io.downhill.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.numerics.training.StepRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepHistoryTest {

  private static StepRecord step(long n) {
    return new StepRecord(n, n * 0.5, new double[] {n, -n}, new double[] {n + 1, n + 2}, 0.01);
  }

  @Test
  void keepsEveryStepUpToTheLimitThenTheMostRecent() {
    StepHistory history = new StepHistory(300, 2);
    for (long n = 1; n <= 1000; n++) {
      history.add(step(n));
    }
    StepHistory.History snapshot = history.snapshot("s", List.of("a", "b"));
    assertThat(snapshot.steps()).hasSize(300);
    assertThat(snapshot.steps()[0]).isEqualTo(701);
    assertThat(snapshot.steps()[299]).isEqualTo(1000);
    assertThat(snapshot.dropped()).isEqualTo(700);
    assertThat(snapshot.params()[0]).containsExactly(702, 703);
    assertThat(snapshot.grad()[299]).containsExactly(1000, -1000);
  }

  @Test
  void growsAcrossItsInitialCapacityWithoutLosingOrder() {
    StepHistory history = new StepHistory(10_000, 2);
    for (long n = 1; n <= 200; n++) {
      history.add(step(n));
    }
    StepHistory.History snapshot = history.snapshot("s", List.of("a", "b"));
    assertThat(snapshot.steps()).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(snapshot.steps()[i]).isEqualTo(i + 1);
      assertThat(snapshot.loss()[i]).isEqualTo((i + 1) * 0.5);
    }
    history.clear();
    assertThat(history.snapshot("s", List.of("a", "b")).steps()).isEmpty();
  }

  @Test
  void aPageHoldsAtMostItsLimitFromTheAskedStepOn() {
    StepHistory history = new StepHistory(300, 2);
    for (long n = 1; n <= 1000; n++) {
      history.add(step(n));
    }
    StepHistory.History page = history.page("s", List.of("a", "b"), 750, 20);
    assertThat(page.steps()).hasSize(20);
    assertThat(page.steps()[0]).isEqualTo(750);
    assertThat(page.steps()[19]).isEqualTo(769);
    assertThat(page.params()[0]).containsExactly(751, 752);
    assertThat(page.dropped()).isEqualTo(700);
    assertThat(page.recorded()).isEqualTo(1000);

    StepHistory.History before = history.page("s", List.of("a", "b"), 1, 5);
    assertThat(before.steps()).containsExactly(701, 702, 703, 704, 705);
    StepHistory.History tail = history.page("s", List.of("a", "b"), 990, 100);
    assertThat(tail.steps()).hasSize(11);
    assertThat(history.page("s", List.of("a", "b"), 1001, 100).steps()).isEmpty();
  }
}
