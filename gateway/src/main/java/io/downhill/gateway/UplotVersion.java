package io.downhill.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the uPlot webjar on the class path, which names the folder its files are in. */
final class UplotVersion {
  static final String VERSION = read();

  private UplotVersion() {}

  private static String read() {
    String path = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    try (InputStream in = UplotVersion.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot webjar is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
