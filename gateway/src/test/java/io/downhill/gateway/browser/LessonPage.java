package io.downhill.gateway.browser;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lesson page as a test sees it: its sections and the elements the page marks with {@code
 * data-role}. Waits are explicit ({@link WebDriverWait}); nothing here sleeps.
 */
final class LessonPage {
  private final WebDriver driver;
  private final String base;
  private final WebDriverWait wait;

  LessonPage(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /**
   * Opens the page with a setup query (e.g. {@code "?loss=mse"}) in a clean tab state, so it starts
   * its own session, and waits until the session is shown and the WebSocket is live.
   */
  LessonPage open(String query) {
    driver.get(base + "/api/health");
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
    driver.get(base + "/" + query);
    await(
        "the session to be ready",
        d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-session")));
    await(
        "the WebSocket to be live",
        d -> "open".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
    return this;
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return wait.withMessage("waiting for " + what).until(condition);
  }

  WebElement section(String id) {
    return driver.findElement(By.id(id));
  }

  static WebElement role(WebElement root, String role) {
    return root.findElement(By.cssSelector("[data-role='" + role + "']"));
  }

  String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  /** The displayed loss of the hand-fit sliders, as text and as the exact number. */
  WebElement handLoss() {
    return role(section("hand"), "hand-loss");
  }

  /** The slider of one parameter in step 1. */
  WebElement handSlider(String name) {
    return section("hand")
        .findElement(By.cssSelector("input[type=range][data-param='" + name + "']"));
  }

  Trainer trainer(String sectionId) {
    return new Trainer(section(sectionId).findElement(By.cssSelector(".trainer")));
  }

  /** One gradient-descent panel. */
  final class Trainer {
    final WebElement root;

    Trainer(WebElement root) {
      this.root = root;
    }

    WebElement lossChart() {
      return role(root, "loss-chart");
    }

    int points() {
      return Integer.parseInt(lossChart().getDomAttribute("data-points"));
    }

    long lastStep() {
      return Long.parseLong(lossChart().getDomAttribute("data-last-step"));
    }

    double firstLoss() {
      return Double.parseDouble(lossChart().getDomAttribute("data-first-loss"));
    }

    double lastLoss() {
      return Double.parseDouble(lossChart().getDomAttribute("data-last-loss"));
    }

    String status() {
      return root.getDomAttribute("data-status");
    }

    void step() {
      role(root, "step-btn").click();
    }

    /** Runs {@code count} steps at {@code pace} steps a second (0: full speed). */
    void run(int count, int pace) {
      WebElement steps = role(root, "count");
      steps.clear();
      steps.sendKeys(Integer.toString(count));
      new Select(role(root, "speed")).selectByValue(Integer.toString(pace));
      role(root, "run-btn").click();
    }

    void reset() {
      role(root, "reset-btn").click();
    }

    /** Waits until the session is idle with its chart showing step {@code step}. */
    void awaitIdleAt(long step) {
      await(
          "an idle session at step " + step,
          d -> "idle".equals(status()) && lastStep() == step && points() > 0);
    }

    /** The gradient table's row for one parameter. */
    WebElement gradientRow(String name) {
      return root.findElement(By.cssSelector("[data-role='grads'] tr[data-param='" + name + "']"));
    }
  }
}
