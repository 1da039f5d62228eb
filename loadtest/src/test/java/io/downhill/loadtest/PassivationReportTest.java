package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.loadtest.ServerApi.CreatedSession;
import io.downhill.loadtest.SessionCreator.Creation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PassivationReportTest {
  private static final PassivationOptions OPTIONS =
      PassivationOptions.parse(
          new String[] {
            "--url",
            "http://127.0.0.1:8080",
            "--server-pid",
            "42",
            "--sessions",
            "4",
            "--touch",
            "2"
          });

  @Test
  void sharesTheGrowthOutOverTheSessions() {
    assertThat(PassivationReport.bytesPerSession(1_000, 5_000, 4)).isEqualTo(1_000.0);
    assertThat(PassivationReport.bytesPerSession(1_000, 5_000, 0)).isNaN();
  }

  @Test
  void aThousandBytesASessionIsJustAMillionPerGib() {
    assertThat(PassivationReport.perGib(1024)).isEqualTo(1_048_576.0);
    assertThat(PassivationReport.meetsGoal(PassivationReport.perGib(1024))).isTrue();
    assertThat(PassivationReport.meetsGoal(PassivationReport.perGib(1100))).isFalse();
  }

  @Test
  void memoryThatDidNotGrowHoldsUnboundedSessions() {
    assertThat(PassivationReport.perGib(-12)).isInfinite();
    assertThat(PassivationReport.meetsGoal(PassivationReport.perGib(-12))).isTrue();
    assertThat(PassivationReport.meetsGoal(PassivationReport.perGib(Double.NaN))).isFalse();
  }

  @Test
  void keepsTheEndOfALongClassName() {
    assertThat(PassivationReport.abbreviate("org.h2.mvstore.cache.CacheLongKeyLIRS$Entry", 20))
        .isEqualTo("…heLongKeyLIRS$Entry")
        .hasSize(20);
    assertThat(PassivationReport.abbreviate("[B", 20)).isEqualTo("[B");
  }

  @Test
  void printsEveryCountAsAskedAgainstMadeAndPassesWhenAllHold() {
    String table = print(4, 2, 2, 2);

    assertThat(table)
        .containsPattern("sessions created +4 +4  ok")
        .containsPattern("sessions passivated +4 +4  ok")
        .containsPattern("touches answered +2 +2  ok")
        .containsPattern("  state still at step 0 +2 +2  ok")
        .containsPattern("  stepped on to step 1 +2 +2  ok")
        .contains("resident set (VmRSS)")
        .contains("PASSED");
    // 4 sessions grew the heap by 4,096 bytes: 1,024 each, 1,048,576 per GiB
    assertThat(table).containsPattern("heap used.* 1,024 B +1,048,576  met");
    assertThat(table).containsPattern("io.downhill.SessionThing +4,096 +4 +1,024 B");
    assertThat(table)
        .containsPattern("reactivation \\(first GET\\) +2\\.00 +3\\.00 +3\\.00 +2 of 2");
  }

  @Test
  void failsWhenASessionWasMissingOrDidNotStepOn() {
    assertThat(print(3, 2, 2, 2)).containsPattern("sessions created +4 +3  FAILED");
    assertThat(print(4, 2, 2, 1))
        .containsPattern("stepped on to step 1 +2 +1  FAILED")
        .contains("FAILED: a sanity check");
    assertThat(print(4, 1, 1, 1)).containsPattern("touches answered +2 +1  FAILED");
  }

  private static String print(int created, int answered, int atZero, int continued) {
    List<CreatedSession> sessions = new ArrayList<>();
    for (int i = 0; i < created; i++) {
      sessions.add(new CreatedSession("s" + i, "t" + i));
    }
    Creation creation = new Creation(sessions, 4, 4 - created, 0, null, 2.0);
    PassivationWait.Outcome passivation = new PassivationWait.Outcome(true, 0, 1, 6.5);
    MemoryReading before = new MemoryReading(10_000_000, 300_000_000, 0);
    MemoryReading after = new MemoryReading(10_000_000 + 1024L * created, 300_100_000, 0);
    Histogram reactivation = new Histogram(Reactivations.MAX_LATENCY_MICROS, 3);
    Histogram step = new Histogram(Reactivations.MAX_LATENCY_MICROS, 3);
    for (int i = 0; i < answered; i++) {
      reactivation.recordValue(2000 + 1000L * i);
      step.recordValue(500);
    }
    Reactivations.Result touches =
        new Reactivations.Result(2, answered, atZero, continued, null, reactivation, step, 0.1);
    ClassHistogram heapBefore = ClassHistogram.parse(" 1: 10 160 java.lang.String (java.base)\n");
    ClassHistogram heapAfter =
        ClassHistogram.parse(
            " 1: 20 320 java.lang.String (java.base)\n 2: 4 4096 io.downhill.SessionThing\n");
    PassivationReport.Figures figures =
        new PassivationReport.Figures(
            creation, passivation, before, after, heapBefore, heapAfter, touches);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean passed =
        new PassivationReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .print(OPTIONS, figures);
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(passed).isEqualTo(!table.contains("FAILED"));
    return table;
  }
}
