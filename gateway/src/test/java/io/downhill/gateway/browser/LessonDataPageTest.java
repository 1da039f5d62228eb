package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The lesson's data chart in headless Chromium against a real server on a free port: points added,
 * dragged and removed by hand (pointer and keyboard) land in the server's session, its data and its
 * loss; and a held-out validation set shows a many-ReLU model overfitting. Screenshots go to {@code
 * gateway/target/screenshots} as {@code lesson-edit-*} and {@code lesson-validation-*}.
 */
class LessonDataPageTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();
  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static LessonPage page;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    browser = browsers.open("lessondata", 1440, 1000);
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
  }

  @AfterEach
  void noScriptErrors() {
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }

  private static JsonObject get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String sessionId() {
    return (String) page.script("return JSON.parse(sessionStorage.getItem('downhill.main')).id");
  }

  private static JsonObject data(String id) {
    return get("/api/sessions/" + id + "/data");
  }

  private static double loss(String id) {
    return get("/api/sessions/" + id).getDouble("loss");
  }

  /** The plotting area of the main trainer's data chart. */
  private static WebElement over(WebElement chart) {
    return chart.findElement(By.cssSelector(".u-over"));
  }

  /** Moves the pointer to (left, top) of the plotting area, in CSS pixels from its corner. */
  private static Actions at(Actions actions, WebElement over, double left, double top) {
    int dx = (int) Math.round(left - over.getRect().getWidth() / 2.0);
    int dy = (int) Math.round(top - over.getRect().getHeight() / 2.0);
    return actions.moveToElement(over, dx, dy);
  }

  /**
   * Chooses the {@code n}th point by x (from 1) with the keyboard; answers its place in the
   * plotting area.
   */
  private static double[] choose(WebElement chart, int n) {
    page.script("arguments[0].focus()", chart);
    chart.sendKeys(Keys.ESCAPE);
    page.await("no point chosen", d -> "-1".equals(chart.getDomAttribute("data-selected-point")));
    for (int i = 0; i < n; i++) {
      chart.sendKeys(Keys.ARROW_RIGHT);
    }
    page.await(
        "a point to be chosen", d -> !"-1".equals(chart.getDomAttribute("data-selected-point")));
    return new double[] {
      Double.parseDouble(chart.getDomAttribute("data-selected-left")),
      Double.parseDouble(chart.getDomAttribute("data-selected-top"))
    };
  }

  private static void awaitPoints(String id, WebElement chart, int count) {
    page.await(
        count + " points on the server and on the chart",
        d ->
            data(id).getJsonArray("x").size() == count
                && chart.getDomAttribute("data-edit-points").equals(Integer.toString(count)));
  }

  /** The panel's loss readout shows the server's loss. */
  private static void awaitShownLoss(LessonPage.Trainer trainer, String id) {
    WebElement shown = LessonPage.role(trainer.root, "loss");
    page.await(
        "the shown loss to be the server's",
        d -> {
          String value = shown.getDomAttribute("data-value");
          return value != null && !value.isEmpty() && Double.parseDouble(value) == loss(id);
        });
  }

  @Test
  void clickingDraggingAndRemovingPointsEditTheSessionsDataAndLoss() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    WebElement chart = LessonPage.role(trainer.root, "fit-chart");
    page.await(
        "the data on the chart", d -> "20".equals(chart.getDomAttribute("data-edit-points")));
    String id = sessionId();
    double start = loss(id);
    WebElement over = over(chart);
    double width = over.getRect().getWidth();
    double height = over.getRect().getHeight();

    // Click empty space, high on the left: a point far above the data there.
    at(new Actions(browser.driver), over, width * 0.12, height * 0.08).click().perform();
    awaitPoints(id, chart, 21);
    JsonObject added = data(id);
    double addedX = added.getJsonArray("x").getDouble(20);
    double addedY = added.getJsonArray("y").getDouble(20);
    assertThat(addedX).isLessThan(-1);
    assertThat(addedY).isGreaterThan(15);
    double afterAdd = loss(id);
    assertThat(afterAdd).isNotEqualTo(start);
    awaitShownLoss(trainer, id);
    browser.screenshot(trainer.root, "lesson-edit-1-added");

    // Drag the leftmost point (x = −2) down by 60 pixels.
    double y0 = added.getJsonArray("y").getDouble(0);
    double[] first = choose(chart, 1);
    assertThat(chart.getDomAttribute("data-selected-point")).isEqualTo("0");
    at(new Actions(browser.driver), over, first[0], first[1])
        .clickAndHold()
        .moveByOffset(0, 30)
        .moveByOffset(0, 30)
        .release()
        .perform();
    page.await(
        "the point to move on the server", d -> data(id).getJsonArray("y").getDouble(0) != y0);
    JsonObject dragged = data(id);
    assertThat(dragged.getJsonArray("x")).hasSize(21);
    assertThat(dragged.getJsonArray("y").getDouble(0)).isLessThan(y0 - 1);
    assertThat(dragged.getJsonArray("x").getDouble(0)).isCloseTo(-2.0, within(0.1));
    assertThat(loss(id)).isNotEqualTo(afterAdd);
    awaitShownLoss(trainer, id);
    browser.screenshot(trainer.root, "lesson-edit-2-dragged");

    // Double-click the next point by x to remove it.
    JsonArray xs = dragged.getJsonArray("x");
    double secondX = xs.getDouble(1);
    double[] second = choose(chart, 2);
    at(new Actions(browser.driver), over, second[0], second[1]).doubleClick().perform();
    awaitPoints(id, chart, 20);
    assertThat(data(id).getJsonArray("x").getList()).doesNotContain(secondX);

    // Alt-click removes too.
    double[] third = choose(chart, 3);
    new Actions(browser.driver).keyDown(Keys.ALT).perform();
    at(new Actions(browser.driver), over, third[0], third[1]).click().perform();
    new Actions(browser.driver).keyUp(Keys.ALT).perform();
    awaitPoints(id, chart, 19);

    // From the keyboard: choose a point, Delete removes it; + adds one in the middle.
    choose(chart, 4);
    chart.sendKeys(Keys.DELETE);
    awaitPoints(id, chart, 18);
    chart.sendKeys("+");
    awaitPoints(id, chart, 19);
    double beforeKeyMove = data(id).getJsonArray("y").getDouble(18);
    chart.sendKeys(Keys.ARROW_UP);
    page.await(
        "the chosen point to move up",
        d -> data(id).getJsonArray("y").getDouble(18) > beforeKeyMove);
    // The remove button (for touch screens) takes the chosen point out.
    WebElement remove = LessonPage.role(trainer.root, "remove-point");
    choose(chart, 1);
    page.await("the remove button", d -> remove.isEnabled());
    remove.click();
    awaitPoints(id, chart, 18);
    awaitShownLoss(trainer, id);
    // The gradient follows too: computed at the current values on the new points.
    page.await(
        "the gradient on the new points",
        d -> "computed".equals(trainer.root.getDomAttribute("data-gradient")));
    browser.screenshot(trainer.root, "lesson-edit-3-removed");

    // Restore the data: the points as the setup drew them.
    LessonPage.role(trainer.root, "restore-points").click();
    awaitPoints(id, chart, 20);
    assertThat(data(id).getJsonArray("x").getDouble(0)).isEqualTo(-2.0);
    awaitShownLoss(trainer, id);
    assertThat(loss(id)).isEqualTo(start);

    // The next step trains on the edited points: its loss is the loss shown now (up to the last
    // bit: a step sums its loss as a weighted sum, the state as a mean).
    double now = loss(id);
    trainer.step();
    trainer.awaitIdleAt(1);
    assertThat(trainer.firstLoss()).isCloseTo(now, within(1e-12 * now));
  }

  @Test
  void aManyReluModelOnFewPointsOverfitsAndTheValidationLossShowsIt() {
    page.open(
        "?preset=relu&model.units=32&data.n=12&data.validationFraction=0.3"
            + "&loss=mse&optimizer.kind=adam&lr=0.05");
    LessonPage.Trainer trainer = page.trainer("descent");
    page.await(
        "the held-out points", d -> "3".equals(trainer.root.getDomAttribute("data-held-out")));
    String id = sessionId();
    assertThat(data(id).getJsonArray("x")).hasSize(9);
    assertThat(data(id).getJsonObject("validation").getJsonArray("x")).hasSize(3);

    trainer.run(3000, 0);
    trainer.awaitIdleAt(3000);

    JsonObject last = get("/api/sessions/" + id + "/at/3000");
    double training = last.getDouble("loss");
    double validation = last.getDouble("validationLoss");
    // Thirty-two ReLUs follow the nine training points' noise; the three held out are missed.
    assertThat(validation).isGreaterThan(2 * training);
    page.await(
        "the chart's last validation loss",
        d ->
            Double.toString(validation)
                .equals(trainer.lossChart().getDomAttribute("data-last-validation-loss")));
    assertThat(
            trainer
                .root
                .findElement(By.cssSelector("[data-role='loss-chart'] .u-legend"))
                .getText())
        .contains("validation loss");
    WebElement readout = LessonPage.role(trainer.root, "validation-readout");
    assertThat(readout.isDisplayed()).isTrue();
    assertThat(LessonPage.role(trainer.root, "held-out-note").isDisplayed()).isTrue();
    LessonPage.role(trainer.root, "log").click();
    page.await("a log scale", d -> "log".equals(trainer.lossChart().getDomAttribute("data-scale")));
    browser.screenshot(
        trainer.root.findElement(By.cssSelector(".cols")), "lesson-validation-1-overfit");
  }
}
