package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StepReportTest {
  private static final StepOptions OPTIONS =
      StepOptions.parse(new String[] {"--url", "http://127.0.0.1:8080", "--sessions", "2"});
  private static final SessionCreator.Creation CREATION =
      new SessionCreator.Creation(List.of(), 2, 0, 0, null, 1.0);

  private static StepReport.Edge edge(long answers, long made, long seconds) {
    return new StepReport.Edge(
        new StepRoom.Counts(answers, answers * OPTIONS.steps(), made, seconds * 1_000_000_000L),
        ProcessCpu.Reading.EMPTY,
        ProcessCpu.Reading.EMPTY,
        0,
        -1);
  }

  private static String printed(boolean[] passed, StepReport.Edge close, List<String> lost) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StepRoom idle = new StepRoom(null, List.of(), OPTIONS.steps());
    passed[0] =
        new StepReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), OPTIONS)
            .print(edge(0, 0, 0), close, new Histogram(3), idle, lost, CREATION);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void passesWhenEveryStepAskedWasMadeAndKept() {
    boolean[] passed = new boolean[1];
    String report = printed(passed, edge(100, 100L * OPTIONS.steps(), 10), List.of());

    assertThat(passed[0]).isTrue();
    assertThat(report).contains("requests answered            100 (10/s").contains("PASSED");
  }

  @Test
  void failsWhenTheAnswersCarriedOtherStepsThanAsked() {
    boolean[] passed = new boolean[1];
    String report = printed(passed, edge(100, 100L * OPTIONS.steps() - 3, 10), List.of());

    assertThat(passed[0]).isFalse();
    assertThat(report).contains("MISMATCH").contains("FAILED");
  }

  @Test
  void failsWhenASessionKeptAnotherStepThanItLastAnswered() {
    boolean[] passed = new boolean[1];
    String report =
        printed(passed, edge(100, 100L * OPTIONS.steps(), 10), List.of("s1: 49 != answered 50"));

    assertThat(passed[0]).isFalse();
    assertThat(report).contains("s1: 49 != answered 50");
  }
}
