package io.downhill.gateway.browser;

import io.downhill.gateway.HeadlessChrome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Chromium driven by the system's chromedriver, with a throw-away profile. Both binaries
 * come from Debian; Selenium Manager is never asked to download anything, because the driver's path
 * is given explicitly. Lives for one test class; {@link #close} quits it and deletes the profile.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = HeadlessChrome.CHROMIUM;
  static final Path CHROMEDRIVER = HeadlessChrome.CHROMEDRIVER;

  /** Relative to the gateway module, where Maven runs the tests. */
  static final Path SCREENSHOTS = HeadlessChrome.SCREENSHOTS;

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether both binaries are installed; the browser tests are skipped when not. */
  static boolean available() {
    return HeadlessChrome.available();
  }

  static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("downhill-chromium-");
    ChromeDriver driver = HeadlessChrome.launch(profile, 1440, 1000);
    return new Browser(driver, profile);
  }

  /**
   * Script errors logged by the page since the last call. Refused requests are left out: the
   * browser logs every 4xx answer, and some tests provoke them on purpose.
   */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  /** Sets the size of the window's viewport (the part the page sees). */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves one element whole, also the part of it below the fold. */
  void screenshot(WebElement element, String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            driver.executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                    + "return {x: r.left + scrollX, y: r.top + scrollY,"
                    + " width: r.width, height: r.height};",
                element);
    capture(name, box);
  }

  /** Saves the whole page, also what lies below the fold. */
  void screenshotPage(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    capture(name, Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height")));
  }

  private void capture(String name, Map<String, Object> box) {
    Map<String, Object> clip = new HashMap<>();
    for (String key : List.of("x", "y", "width", "height")) {
      clip.put(key, ((Number) box.get(key)).doubleValue());
    }
    clip.put("scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    write(name, Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static void write(String name, byte[] png) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
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
