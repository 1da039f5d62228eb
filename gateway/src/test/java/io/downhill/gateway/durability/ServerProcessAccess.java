package io.downhill.gateway.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Real server processes for tests outside this package. */
public final class ServerProcessAccess implements AutoCloseable {
  private final ServerProcess process;

  private ServerProcessAccess(ServerProcess process) {
    this.process = process;
  }

  public static ServerProcessAccess start(Path log, String... arguments) throws IOException {
    return new ServerProcessAccess(ServerProcess.start(log, arguments));
  }

  public int port() {
    return process.port();
  }

  /** SIGTERM; the exit code, or -1 when it did not exit in time (it is then killed). */
  public int terminate(Duration within) throws InterruptedException {
    return process.terminate(within);
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
