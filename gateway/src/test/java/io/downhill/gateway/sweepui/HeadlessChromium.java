package io.downhill.gateway.sweepui;

import io.downhill.gateway.HeadlessChrome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver with a throw-away profile. The
 * driver's path is given explicitly, so Selenium Manager never downloads anything. Lives for one
 * test class; {@link #close} quits it and deletes the profile.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = HeadlessChrome.CHROMIUM;
  static final Path CHROMEDRIVER = HeadlessChrome.CHROMEDRIVER;

  /** Relative to the gateway module, where Maven runs the tests. */
  static final Path SCREENSHOTS = HeadlessChrome.SCREENSHOTS;

  final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether both binaries are installed; the tests are skipped when not. */
  static boolean available() {
    return HeadlessChrome.available();
  }

  static HeadlessChromium start() throws IOException {
    Path profile = Files.createTempDirectory("downhill-sweepui-");
    ChromeDriver driver = HeadlessChrome.launch(profile, 1440, 1000);
    return new HeadlessChromium(driver, profile);
  }

  /** Script errors the page logged since the last call (refused requests left out). */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  void windowSize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the whole page, also what lies below the fold, as {@code target/screenshots/name}. */
  void screenshot(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue(),
            "scale", 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    try {
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
