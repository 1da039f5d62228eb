package io.downhill.gateway.durability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The journals the durability tests run against: the embedded database in a folder, and the
 * PostgreSQL named by {@code DOWNHILL_TEST_PG_URL} (CI starts one; without it a developer's run
 * skips PostgreSQL, and a CI run fails).
 */
final class Journals {
  private Journals() {}

  /** The server arguments that choose the journal. */
  static Stream<String> kinds() {
    return Stream.of("h2", "postgresql");
  }

  static List<String> arguments(String kind, Path folder) {
    List<String> args = new ArrayList<>();
    if (kind.equals("h2")) {
      args.add("--data");
      args.add(folder.toString());
      return args;
    }
    String url = System.getenv("DOWNHILL_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("CI must set DOWNHILL_TEST_PG_URL to a PostgreSQL database");
      }
      Assumptions.abort("DOWNHILL_TEST_PG_URL is not set: PostgreSQL is not tested here");
    }
    args.add("--db-url");
    args.add(url);
    return args;
  }
}
