package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessRssTest {
  private static final String STATUS =
      "Name:\tjava\n"
          + "Umask:\t0022\n"
          + "State:\tS (sleeping)\n"
          + "Pid:\t12904\n"
          + "VmPeak:\t 9459528 kB\n"
          + "VmSize:\t 9459528 kB\n"
          + "VmHWM:\t  625168 kB\n"
          + "VmRSS:\t  393492 kB\n"
          + "RssAnon:\t  301200 kB\n"
          + "Threads:\t61\n";

  @Test
  void readsTheResidentSetInBytes() {
    assertThat(ProcessRss.fromStatus(STATUS)).isEqualTo(393_492L * 1024);
  }

  @Test
  void doesNotTakeTheHighWaterMarkOrTheAnonymousPartForIt() {
    String withoutRss = STATUS.replace("VmRSS:\t  393492 kB\n", "");

    assertThatThrownBy(() -> ProcessRss.fromStatus(withoutRss)).hasMessageContaining("no VmRSS");
  }

  @Test
  void refusesALineItCannotRead() {
    String odd = STATUS.replace("393492 kB", "393492 MB");

    assertThatThrownBy(() -> ProcessRss.fromStatus(odd)).hasMessageContaining("VmRSS:");
  }

  @Test
  void readsThisProcess() {
    // every Linux process has one; the test runs on Linux like the load test itself
    assertThat(ProcessRss.bytes(ProcessHandle.current().pid())).isPositive();
  }
}
