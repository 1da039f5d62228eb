package io.downhill.gateway.sweepui;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sweep page as a test sees it: its controls by id, the charts' exposed {@code data-*}
 * attributes and the table of variants. Waits are explicit; nothing here sleeps.
 */
final class SweepPage {
  private final WebDriver driver;
  private final String base;
  private final WebDriverWait wait;

  SweepPage(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  /** Opens {@code /sweep/} with a setup query in a tab that remembers no earlier sweep. */
  SweepPage open(String query) {
    driver.get(base + "/api/health");
    script("sessionStorage.clear(); localStorage.clear();");
    driver.get(base + "/sweep/" + query);
    await(
        "the WebSocket to be live",
        d -> "open".equals(byId("connection").getDomAttribute("data-state")));
    return this;
  }

  WebDriver driver() {
    return driver;
  }

  void reload() {
    driver.navigate().refresh();
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return wait.withMessage("waiting for " + what).until(condition);
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  /** Presses "Create sweep" and waits until the page shows the new sweep. */
  String create() {
    byId("create").click();
    await("the sweep to be shown", d -> "attached".equals(body().getDomAttribute("data-sweep")));
    return sweepId();
  }

  String sweepId() {
    return byId("sweep-id").getText();
  }

  WebElement body() {
    return driver.findElement(By.tagName("body"));
  }

  String status() {
    return byId("sweep-status").getDomAttribute("data-status");
  }

  void awaitStatus(String status) {
    await("the sweep to be " + status, d -> status.equals(status()));
  }

  WebElement lossChart() {
    return byId("loss-chart");
  }

  WebElement rateChart() {
    return byId("rate-chart");
  }

  int lossChartNumber(String attribute) {
    return Integer.parseInt(lossChart().getDomAttribute(attribute));
  }

  int rateChartNumber(String attribute) {
    return Integer.parseInt(rateChart().getDomAttribute(attribute));
  }

  /** The rows of the table of variants, smallest learning rate first. */
  List<WebElement> legendRows() {
    return driver.findElements(By.cssSelector("#legend-body tr"));
  }

  WebElement legendButton(WebElement row) {
    return row.findElement(By.cssSelector("button.variant-toggle"));
  }

  /** The number of canvas pixels that are not white: a chart with curves has many. */
  long inkedPixels(WebElement chart) {
    return ((Number)
            script(
                "const c = arguments[0].querySelector('canvas');"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let n = 0; for (let i = 0; i < d.length; i += 4) {"
                    + "  if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++; }"
                    + "return n;",
                chart))
        .longValue();
  }

  /** GETs a URL from the page (same origin) and answers status and the start of the body. */
  String fetchText(String href) {
    return (String)
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t)))"
                    + ".catch(e => done('failed ' + e));",
                href);
  }
}
