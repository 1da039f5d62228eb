package io.downhill.numerics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Values computed with numpy 1.24 ({@code numpy.random.seed}, then {@code normal}/{@code
 * random_sample}).
 */
class NumpyRandomTest {

  @Test
  void standardNormalDrawsMatchNumpyBitForBit() {
    // numpy.random.seed(0); numpy.random.normal(scale=1.0, size=6)
    double[] expected = {
      1.764052345967664, 0.4001572083672233, 0.9787379841057392,
      2.240893199201458, 1.8675579901499675, -0.977277879876411
    };
    assertThat(new NumpyRandom(0).normal(1.0, 6)).containsExactly(expected);
  }

  @Test
  void cachedSecondGaussianCarriesAcrossCallsAsInNumpy() {
    // seed(42); normal(scale=0.4, size=3); normal(scale=1.5, size=3)
    NumpyRandom random = new NumpyRandom(42);
    assertThat(random.normal(0.4, 3))
        .containsExactly(0.19868566120449307, -0.055305720468473867, 0.259075415240277);
    assertThat(random.normal(1.5, 3))
        .containsExactly(2.284544784612038, -0.35123006208500396, -0.3512054354237708);
  }

  @Test
  void largestSeedMatchesNumpy() {
    // seed(4294967295); normal(scale=2.5, size=5)
    assertThat(new NumpyRandom(4294967295L).normal(2.5, 5))
        .containsExactly(
            1.6210216855766317,
            1.6733088265845404,
            -2.701359306868623,
            0.7112526119965773,
            0.2847193413041776);
  }

  @Test
  void uniformDoublesMatchNumpyRandomSample() {
    // seed(123); [random_sample() for _ in range(3)]
    NumpyRandom random = new NumpyRandom(123);
    assertThat(new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()})
        .containsExactly(0.6964691855978616, 0.28613933495037946, 0.2268514535642031);
  }

  @Test
  void seedOutsideNumpysRangeIsRefused() {
    assertThatThrownBy(() -> new NumpyRandom(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NumpyRandom(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
