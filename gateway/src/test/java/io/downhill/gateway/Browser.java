package io.downhill.gateway;

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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (a learner's, an instructor's, a participant's): Debian's Chromium
 * driven by Debian's chromedriver, named explicitly so Selenium Manager never downloads anything,
 * with a throw-away profile so storage, cookies and sockets are not shared between people in a
 * test. Background networking is off (this machine's network is closed) and the page's console is
 * kept so a test can fail on a script error. Tests get one from {@link Browsers}, which closes it.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Relative to the gateway module, where Maven runs the tests. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  public final String who;
  private final Path profile;
  private final WebDriverWait wait;
  private boolean closed;

  private Browser(ChromeDriver driver, String who, Path profile) {
    this.driver = driver;
    this.who = who;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Whether both binaries are installed. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** A desktop window of this size. */
  static Browser launch(String who, int width, int height) throws IOException {
    return launch(who, width, height, false);
  }

  /**
   * A phone: a touch screen of this size (no hover, a coarse pointer, touch events), as Chromium's
   * device emulation makes it.
   */
  static Browser launchPhone(String who, int width, int height) throws IOException {
    return launch(who, width, height, true);
  }

  private static Browser launch(String who, int width, int height, boolean phone)
      throws IOException {
    Path profile = Files.createTempDirectory("downhill-chromium-" + who + "-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    if (phone) {
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of(
              "deviceMetrics",
              Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true),
              "userAgent",
              "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                  + " Chrome/130.0 Mobile Safari/537.36"));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    Files.createDirectories(SCREENSHOTS);
    return new Browser(new ChromeDriver(service, options), who, profile);
  }

  /** Waits (20 s at most) until {@code condition} gives something other than null or false. */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    return wait.withMessage(who + " waiting for " + what).until(condition);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element marked data-role="role" inside root. */
  public static WebElement role(WebElement root, String role) {
    return root.findElement(By.cssSelector("[data-role='" + role + "']"));
  }

  public Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  /** Whether an element is shown (present and not hidden). */
  public boolean shown(String css) {
    List<WebElement> found = findAll(css);
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  /** Whether the page is wider than its window: something makes it scroll sideways. */
  public boolean scrollsSideways() {
    return (Boolean)
        script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  /** Sets the size of the window. */
  public void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /**
   * Script errors logged by the page since the last call. Refused requests are left out: the
   * browser logs every 4xx answer, and some tests provoke them on purpose.
   */
  public List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  /**
   * Saves one element whole, also the part of it below the fold, as target/screenshots/name.png.
   */
  public void screenshot(WebElement element, String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            script(
                "const r = arguments[0].getBoundingClientRect();"
                    + "return {x: r.left + scrollX, y: r.top + scrollY,"
                    + " width: r.width, height: r.height};",
                element);
    capture(name, box);
  }

  /** Saves the whole page, also what lies below the fold. */
  public void screenshotPage(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    capture(name, Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height")));
  }

  /** Saves what the window shows now. */
  public void screenshotViewport(String name) {
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

  /** Quits the browser and deletes its profile; a second call does nothing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
