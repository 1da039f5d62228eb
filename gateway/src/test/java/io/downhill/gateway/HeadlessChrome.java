package io.downhill.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its own ChromeDriver: the one way every browser test
 * starts a browser. Nothing is downloaded; background networking is off because this machine's
 * network is closed; the page's console is captured so a test can fail on a script error.
 */
public final class HeadlessChrome {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessChrome() {}

  /** Whether both binaries are installed; browser tests are skipped when not. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** A new browser with its own profile folder and window size. */
  public static ChromeDriver launch(Path profile, int width, int height) throws IOException {
    return launch(profile, width, height, false);
  }

  /**
   * A phone: a touch screen of this size (no hover, a coarse pointer, touch events), as Chromium's
   * device emulation makes it.
   */
  public static ChromeDriver launchPhone(Path profile, int width, int height) throws IOException {
    return launch(profile, width, height, true);
  }

  private static ChromeDriver launch(Path profile, int width, int height, boolean phone)
      throws IOException {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
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
    return new ChromeDriver(service, options);
  }
}
