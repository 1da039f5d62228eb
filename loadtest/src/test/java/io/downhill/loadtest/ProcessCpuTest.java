package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  private static ProcessCpu.Reading reading(ProcessCpu.ThreadTicks... threads) {
    long total = 0;
    Map<Long, ProcessCpu.ThreadTicks> byId = new java.util.HashMap<>();
    for (ProcessCpu.ThreadTicks thread : threads) {
      byId.put(thread.tid(), thread);
      total += thread.ticks();
    }
    return new ProcessCpu.Reading(total, byId);
  }

  private static ProcessCpu.ThreadTicks thread(long tid, String name, long ticks) {
    return new ProcessCpu.ThreadTicks(tid, name, ticks);
  }

  @Test
  void poolsAddUpTheirThreadsSinceTheEarlierReading() {
    ProcessCpu.Reading before =
        reading(
            thread(1, "vert.x-eventloo", 10),
            thread(2, "vert.x-eventloo", 5),
            thread(3, "db-1", 0));
    ProcessCpu.Reading after =
        reading(
            thread(1, "vert.x-eventloo", 30),
            thread(2, "vert.x-eventloo", 15),
            thread(3, "db-1", 7),
            thread(4, "db-2", 8),
            thread(5, "GC Thread#0", 1));

    List<ProcessCpu.ThreadTicks> pools = after.poolsSince(before, 2);

    assertThat(pools)
        .extracting(ProcessCpu.ThreadTicks::name)
        .containsExactly("vert.x-eventloo", "db");
    assertThat(pools).extracting(ProcessCpu.ThreadTicks::ticks).containsExactly(30L, 15L);
  }
}
