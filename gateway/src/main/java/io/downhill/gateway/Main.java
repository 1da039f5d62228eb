package io.downhill.gateway;

import com.typesafe.config.ConfigFactory;
import io.downhill.engine.TensorEngine;

/**
 * {@code java -jar downhill.jar [--port N] [--device auto|cpu|gpu|mps] [--data DIR | --db-url URL |
 * --in-memory] [--tls-cert FILE --tls-key FILE] [--public-url URL] [cluster flags]}: starts the
 * server ({@code --help} lists every flag); {@code java -jar downhill.jar sweep …} runs a sweep
 * without a server.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // DJL reads its settings once, JVM-wide: set them before anything touches it.
    TensorEngine.configure(ConfigFactory.load());
    int status = ServerCommand.commandLine(System.getenv()).execute(args);
    if (status != ServerCommand.SERVING) {
      System.exit(status);
    }
  }
}
