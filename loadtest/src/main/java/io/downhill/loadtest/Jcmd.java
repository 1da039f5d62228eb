package io.downhill.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic commands to another JVM on this machine through {@code jcmd}: a forced full collection
 * ({@code GC.run}) and a class histogram ({@code GC.class_histogram}).
 */
final class Jcmd {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Jcmd() {}

  /**
   * Collects the heap of process {@code pid} now, twice: objects that a cleaner or finalizer lets
   * go of after the first collection found their owner unreachable are garbage only for the second.
   * Heap used right after is what the process really keeps, not whatever garbage the last young
   * collection happened to leave.
   */
  static void collect(long pid) {
    for (int i = 0; i < 2; i++) {
      String output = run(pid, "GC.run");
      if (!output.contains("Command executed successfully")) {
        throw new IllegalStateException("jcmd " + pid + " GC.run said: " + output.trim());
      }
    }
  }

  /** The live objects of process {@code pid} by class (after a full collection of its own). */
  static String classHistogram(long pid) {
    return run(pid, "GC.class_histogram");
  }

  /**
   * Runs {@code jcmd PID COMMAND}. Its output goes to a file, not a pipe: a class histogram is far
   * longer than a pipe holds, and jcmd would block writing it while this waits for it to end.
   */
  private static String run(long pid, String command) {
    Path output = null;
    try {
      output = Files.createTempFile("downhill-jcmd", ".txt");
      Process process =
          new ProcessBuilder(jcmd(), Long.toString(pid), command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "jcmd " + pid + " " + command + " took longer than " + TIMEOUT.toSeconds() + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text.trim());
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run jcmd: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while jcmd ran " + command);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // a file left in the temporary folder is no reason to fail the test
        }
      }
    }
  }

  /** The jcmd next to the java running this test (same JDK as the server), else the PATH's. */
  private static String jcmd() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(java -> Path.of(java).resolveSibling("jcmd"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .orElse("jcmd");
  }
}
