package io.downhill.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {
  private static final String LIBC =
      "7f3a1c000000-7f3a1c028000 r--p 00000000 fe:01 1835 /usr/lib/x86_64-linux-gnu/libc.so.6";
  private static final String JEMALLOC =
      "7f3a1d000000-7f3a1d040000 r-xp 00000000 fe:01 2291"
          + " /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
  private static final String TCMALLOC =
      "7f3a1e000000-7f3a1e020000 r-xp 00000000 fe:01 2301"
          + " /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.9";

  @Test
  void aPreloadedAllocatorIsNamed() {
    assertThat(NativeAllocator.fromMappings(List.of(LIBC, JEMALLOC))).isEqualTo("jemalloc");
    assertThat(NativeAllocator.fromMappings(List.of(TCMALLOC, LIBC))).isEqualTo("tcmalloc");
  }

  @Test
  void withoutOneItIsTheCLibrarys() {
    assertThat(NativeAllocator.fromMappings(List.of(LIBC, "7f3a1f000000-7f3a1f001000 rw-p 0 0 0")))
        .isEqualTo("libc");
  }

  @Test
  void onlyTheFileNameCounts() {
    String inADirectoryNamedSo =
        "7f3a1c000000-7f3a1c028000 r--p 00000000 fe:01 1835 /opt/libjemalloc-src/lib/libc.so.6";
    assertThat(NativeAllocator.fromMappings(List.of(inADirectoryNamedSo))).isEqualTo("libc");
  }

  /** This JVM's own mappings: jemalloc exactly when the tests were started with it preloaded. */
  @Test
  void thisProcessIsReadFromItsMappings() {
    String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
    assertThat(NativeAllocator.current())
        .isEqualTo(preload.contains("libjemalloc") ? "jemalloc" : "libc");
  }
}
