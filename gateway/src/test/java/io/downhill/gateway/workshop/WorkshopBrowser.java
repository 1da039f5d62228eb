package io.downhill.gateway.workshop;

import io.downhill.gateway.HeadlessChrome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (the instructor's, or a participant's): its own ChromeDriver and a
 * throw-away profile, so storage, cookies and sockets are not shared with the other people in the
 * test. The system's chromedriver is named explicitly, so Selenium Manager never downloads
 * anything. {@link #close} quits the browser and deletes the profile.
 */
final class WorkshopBrowser implements AutoCloseable {
  static final Path CHROMIUM = HeadlessChrome.CHROMIUM;
  static final Path CHROMEDRIVER = HeadlessChrome.CHROMEDRIVER;

  /** Relative to the gateway module, where Maven runs the tests. */
  static final Path SCREENSHOTS = HeadlessChrome.SCREENSHOTS;

  final ChromeDriver driver;
  final String who;
  private final Path profile;
  private final WebDriverWait wait;

  private WorkshopBrowser(ChromeDriver driver, String who, Path profile) {
    this.driver = driver;
    this.who = who;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Whether both binaries are installed; the test is skipped when not. */
  static boolean available() {
    return HeadlessChrome.available();
  }

  static WorkshopBrowser start(String who, int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("downhill-workshop-" + who + "-");
    ChromeDriver driver = HeadlessChrome.launch(profile, width, height);
    return new WorkshopBrowser(driver, who, profile);
  }

  /** A phone-sized touch screen (see {@link HeadlessChrome#launchPhone}). */
  static WorkshopBrowser startPhone(String who, int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("downhill-workshop-" + who + "-");
    ChromeDriver driver = HeadlessChrome.launchPhone(profile, width, height);
    return new WorkshopBrowser(driver, who, profile);
  }

  /** Whether the page is wider than its window: something makes it scroll sideways. */
  boolean scrollsSideways() {
    return (Boolean)
        script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return wait.withMessage(who + " waiting for " + what).until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element marked data-role="role" inside root. */
  static WebElement role(WebElement root, String role) {
    return root.findElement(By.cssSelector("[data-role='" + role + "']"));
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  /** Whether an element is shown (present and not hidden). */
  boolean shown(String css) {
    List<WebElement> found = findAll(css);
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  /**
   * Script errors logged by the page since the last call. Refused requests are left out: the
   * browser logs every 4xx answer, and the test provokes some on purpose.
   */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  /** Saves the whole page, also what lies below the fold, as target/screenshots/name.png. */
  void screenshotPage(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    capture(name, Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height")));
  }

  /** Saves what the window shows now. */
  void screenshotViewport(String name) {
    Map<String, Object> box = new HashMap<>();
    box.put("x", script("return scrollX"));
    box.put("y", script("return scrollY"));
    box.put("width", script("return innerWidth"));
    box.put("height", script("return innerHeight"));
    capture(name, box);
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
