package io.downhill.numerics.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataSpecTest {
  private static final DataSpec LESSON =
      new DataSpec(TargetFunction.quadratic(3, 4, 5), 20, -2, 2, 0.4, 1.5, 42);

  @Test
  void lessonDataMatchesTorchAndNumpyBitForBit() {
    // seed(42); x = torch.linspace(-2, 2, 20); y = add_noise(f(x), 0.4, 1.5); y.tolist()
    double[] expected = {
      12.98664410422277, 6.69812978474128, 7.861521766677462, 6.140735401046775,
      3.162779720843255, 3.7038919424665897, 4.280461490526214, 5.433020544832319,
      2.3771316286751794, 5.175603357087943, 3.5406873234133798, 8.118235827370071,
      8.684155463118026, 0.6608466373070481, 4.793613081773332, 8.751543378367389,
      9.885555146084878, 18.218021376217866, 11.867171437000803, 11.172254840450769
    };
    assertThat(LESSON.generate().y()).containsExactly(expected);
  }

  @Test
  void firstFivePointsAreTheOnesTheLessonPrints() {
    Dataset data = LESSON.generate();
    double[] x = data.x();
    double[] y = data.y();
    double[] printedX = {-2.0000, -1.7895, -1.5789, -1.3684, -1.1579};
    double[] printedY = {12.9866, 6.6981, 7.8615, 6.1407, 3.1628};
    for (int i = 0; i < 5; i++) {
      assertThat(Math.round(x[i] * 1e4) / 1e4).isEqualTo(printedX[i]);
      assertThat(Math.round(y[i] * 1e4) / 1e4).isEqualTo(printedY[i]);
    }
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    DataSpec other = new DataSpec(TargetFunction.quadratic(3, 4, 5), 20, -2, 2, 0.4, 1.5, 7);
    assertThat(LESSON.generate().y()).containsExactly(LESSON.generate().y());
    assertThat(other.generate().y()).isNotEqualTo(LESSON.generate().y());
  }

  @Test
  void withoutAHeldOutShareTheTrainingPointsAreTheLessonsUnchanged() {
    DataSplit split = LESSON.split();
    assertThat(split.training().x()).containsExactly(LESSON.generate().x());
    assertThat(split.training().y()).containsExactly(LESSON.generate().y());
    assertThat(split.validation().size()).isZero();
  }

  @Test
  void aHeldOutShareSplitsThePointsTheSameWayEveryTimeAndKeepsTheirNoise() {
    DataSpec held = LESSON.withValidationFraction(0.3);
    DataSplit split = held.split();
    assertThat(split.validation().size()).isEqualTo(6);
    assertThat(split.training().size()).isEqualTo(14);
    assertThat(held.split().validation().x()).containsExactly(split.validation().x());
    // Every point is the lesson's own, in one of the two sets, each in the order of x.
    java.util.List<Double> all = new java.util.ArrayList<>();
    for (double y : split.training().y()) {
      all.add(y);
    }
    for (double y : split.validation().y()) {
      all.add(y);
    }
    java.util.List<Double> lesson = new java.util.ArrayList<>();
    for (double y : LESSON.generate().y()) {
      lesson.add(y);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(lesson);
    assertThat(split.validation().x()).isSorted();
    assertThat(split.training().x()).isSorted();
    // Another seed holds out other points.
    DataSpec other = new DataSpec(TargetFunction.quadratic(3, 4, 5), 20, -2, 2, 0.4, 1.5, 7, 0.3);
    assertThat(other.split().validation().x()).isNotEqualTo(split.validation().x());
  }

  @Test
  void aShareRoundsDownSoTinyDataKeepsATrainingPoint() {
    DataSpec one = new DataSpec(TargetFunction.quadratic(3, 4, 5), 1, -2, 2, 0.4, 1.5, 42, 0.5);
    assertThat(one.split().training().size()).isEqualTo(1);
    assertThat(one.split().validation().size()).isZero();
  }
}
