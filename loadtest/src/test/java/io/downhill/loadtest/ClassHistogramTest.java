package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  private static final String BEFORE =
      "23714:\n"
          + " num     #instances         #bytes  class name (module)\n"
          + "-------------------------------------------------------\n"
          + "   1:         54674        7419432  [B (java.base@17.0.15)\n"
          + "   2:         10914        1524960  [Ljava.lang.Object; (java.base@17.0.15)\n"
          + "   3:          1000         144000  org.apache.pekko.cluster.sharding.Shard\n"
          + "Total        66588        9088392\n";

  private static final String AFTER =
      "23714:\n"
          + " num     #instances         #bytes  class name (module)\n"
          + "-------------------------------------------------------\n"
          + "   1:         74674        9419432  [B (java.base@17.0.15)\n"
          + "   2:         32557        2083648  org.h2.mvstore.cache.CacheLongKeyLIRS$Entry\n"
          + "   3:         10000        1424960  [Ljava.lang.Object; (java.base@17.0.15)\n"
          + "   4:          1000         144000  org.apache.pekko.cluster.sharding.Shard\n"
          + "Total       118231       13072040\n";

  @Test
  void readsEveryRowAndSkipsTheHeaderAndTotal() {
    ClassHistogram histogram = ClassHistogram.parse(BEFORE);

    assertThat(histogram.classes()).hasSize(3);
    assertThat(histogram.classes().get("[B")).isEqualTo(new ClassHistogram.Count(54674, 7419432));
    assertThat(histogram.totalBytes()).isEqualTo(9088392);
  }

  @Test
  void listsTheClassesThatGrewMostFirstAndLeavesOutTheRest() {
    ClassHistogram before = ClassHistogram.parse(BEFORE);
    ClassHistogram after = ClassHistogram.parse(AFTER);

    assertThat(after.grownSince(before, 5))
        .containsExactly(
            new ClassHistogram.Growth(
                "org.h2.mvstore.cache.CacheLongKeyLIRS$Entry", 32557, 2083648),
            new ClassHistogram.Growth("[B", 20000, 2000000));
    assertThat(after.grownSince(before, 1)).hasSize(1);
  }

  @Test
  void addsUpAClassLoadedTwice() {
    ClassHistogram histogram =
        ClassHistogram.parse("   1:  3  48  a.B\n   2:  2  32  a.B\n   3:  1  16  a.C\n");

    assertThat(histogram.classes().get("a.B")).isEqualTo(new ClassHistogram.Count(5, 80));
  }

  @Test
  void refusesSomethingElse() {
    assertThatThrownBy(() -> ClassHistogram.parse("12345:\nCommand executed successfully\n"))
        .hasMessageContaining("not a class histogram");
  }
}
