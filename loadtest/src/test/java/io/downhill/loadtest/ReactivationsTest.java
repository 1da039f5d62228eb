package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReactivationsTest {
  @Test
  void picksDistinctSessionsWithinRange() {
    int[] picked = Reactivations.pick(100_000, 1000, new Random(1));

    assertThat(picked).hasSize(1000);
    assertThat(Arrays.stream(picked).distinct().count()).isEqualTo(1000);
    assertThat(Arrays.stream(picked).allMatch(i -> i >= 0 && i < 100_000)).isTrue();
  }

  @Test
  void theSameSeedPicksTheSameSessions() {
    assertThat(Reactivations.pick(500, 20, new Random(7)))
        .containsExactly(Reactivations.pick(500, 20, new Random(7)));
  }

  @Test
  void touchingEverySessionPicksEachOnce() {
    assertThat(Reactivations.pick(50, 50, new Random(3))).containsExactlyInAnyOrder(range(50));
  }

  private static int[] range(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }
}
