package io.downhill.gateway.sweepui;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The learning-rate sweep page ({@code /sweep/}) in headless Chromium against a real server on a
 * free port: a setup from the URL, a sweep created from the page and streamed over the WebSocket,
 * its curves, divergence marks, loss-versus-rate plot, hiding, driving and export. Screenshots go
 * to {@code gateway/target/screenshots/sweep-*.png}.
 */
class SweepPageTest {
  /**
   * Eight rates from 1e-4 to 1 under MSE without accumulation: the largest one diverges. As fast as
   * the server goes (pace=0), so the tests do not wait for a pace meant for people.
   */
  static final String EIGHT_RATES =
      "?preset=notebook&loss=mse&optimizer=sgd&accumulate=off&lr=0.0001:1:8:log&steps=500&pace=0";

  @RegisterExtension static final LiveServer server = LiveServer.start();
  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static SweepPage page;

  @BeforeAll
  static void start() throws IOException {
    browser = browsers.open("sweep", 1440, 1000);
    page = new SweepPage(browser.driver, "http://localhost:" + server.port());
  }

  @AfterEach
  void noScriptErrors() {
    browser.viewport(1440, 1000);
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }

  @Test
  void setupFromTheUrlFillsTheFormAndPreviewsTheRates() {
    page.open(EIGHT_RATES);

    assertThat(new Select(page.byId("loss")).getFirstSelectedOption().getDomAttribute("value"))
        .isEqualTo("mse");
    assertThat(page.byId("accumulate").isSelected()).isFalse();
    assertThat(page.byId("lr-count").getDomProperty("value")).isEqualTo("8");
    assertThat(page.byId("steps").getDomProperty("value")).isEqualTo("500");
    assertThat(page.byId("setup-preview").getText()).startsWith("8 learning rates");
    assertThat(page.body().getDomAttribute("data-sweep")).isEqualTo("none");
    browser.screenshotPage("sweep-1-setup");
  }

  @Test
  void editingTheSetupRewritesTheUrlAndMarksWhatIsWrong() {
    page.open(EIGHT_RATES);
    WebElement count = page.byId("lr-count");
    count.clear();
    count.sendKeys("5");
    page.await("the URL to follow the form", d -> page.url().contains("lr=0.0001:1:5:log"));

    page.byId("lr-from").clear();
    page.byId("create").click();
    assertThat(page.byId("lr-from").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(page.byId("setup-error").getText()).contains("lr.from");
    assertThat(page.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("lr-from");
    assertThat(page.body().getDomAttribute("data-sweep")).isEqualTo("none");

    page.byId("lr-from").sendKeys("1e-3");
    page.await(
        "the mark to clear", d -> page.byId("lr-from").getDomAttribute("aria-invalid") == null);
    assertThat(page.url()).contains("lr=0.001:1:5:log").doesNotContain("token");
  }

  @Test
  void aSweepOfEightRatesDrawsEightCurvesAndMarksTheOneThatDiverged() {
    page.open(EIGHT_RATES);
    String id = page.create();
    page.awaitStatus("finished");
    page.await("every curve to be drawn", d -> page.lossChartNumber("data-points") == 500);

    assertThat(page.lossChartNumber("data-variants")).isEqualTo(8);
    assertThat(page.lossChartNumber("data-series-count")).isEqualTo(8);
    assertThat(page.lossChart().getDomAttribute("data-last-step")).isEqualTo("500");
    assertThat(page.lossChart().getDomAttribute("data-scale")).isEqualTo("log");
    assertThat(page.inkedPixels(page.lossChart())).isGreaterThan(5000);

    List<WebElement> rows = page.legendRows();
    assertThat(rows).hasSize(8);
    assertThat(Double.parseDouble(rows.get(0).getDomAttribute("data-lr"))).isEqualTo(1e-4);
    assertThat(Double.parseDouble(rows.get(7).getDomAttribute("data-lr"))).isEqualTo(1.0);
    assertThat(rows.get(0).getText()).startsWith("1.0e-4");
    List<WebElement> diverged =
        rows.stream().filter(r -> "diverged".equals(r.getDomAttribute("data-status"))).toList();
    assertThat(diverged).isNotEmpty();
    assertThat(diverged.get(0).getText()).contains("diverged @");
    assertThat(page.lossChartNumber("data-diverged-marks")).isEqualTo(diverged.size());

    page.await("a point per rate", d -> page.rateChartNumber("data-points") == 8);
    assertThat(page.rateChartNumber("data-diverged")).isEqualTo(diverged.size());
    assertThat(page.rateChart().getDomAttribute("data-best-lr")).isNotEmpty();
    assertThat(page.byId("counts").getText()).contains("8 learning rates").contains("diverged");
    browser.screenshotPage("sweep-2-finished");

    assertThat(page.byId("export-csv").getDomAttribute("href"))
        .isEqualTo("/api/sweeps/" + id + "/export?format=csv");
    assertThat(page.byId("export-json").getDomAttribute("href"))
        .isEqualTo("/api/sweeps/" + id + "/export?format=json");
    assertThat(page.fetchText(page.byId("export-csv").getDomAttribute("href")))
        .startsWith("200 step,v0_lr=0.000100000,");
    assertThat(page.url()).doesNotContain(id);
  }

  @Test
  void legendEntriesHideAndShowCurvesByClickAndByKeyboard() {
    page.open(EIGHT_RATES);
    page.create();
    page.awaitStatus("finished");
    page.await("the table of variants", d -> page.legendRows().size() == 8);

    WebElement first = page.legendButton(page.legendRows().get(0));
    first.click();
    page.await("one curve fewer", d -> page.lossChartNumber("data-series-count") == 7);
    assertThat(first.getDomAttribute("aria-pressed")).isEqualTo("false");

    // The buttons are one tab stop; arrow keys move along them.
    first.sendKeys(Keys.ARROW_DOWN);
    WebElement second = page.legendButton(page.legendRows().get(1));
    assertThat(page.driver().switchTo().activeElement()).isEqualTo(second);
    second.sendKeys(Keys.ENTER);
    page.await("two curves fewer", d -> page.lossChartNumber("data-series-count") == 6);

    page.byId("show-all").click();
    page.await("every curve back", d -> page.lossChartNumber("data-series-count") == 8);

    long diverged =
        page.legendRows().stream()
            .filter(r -> "diverged".equals(r.getDomAttribute("data-status")))
            .count();
    page.byId("hide-diverged").click();
    page.await(
        "the diverged curves hidden",
        d -> page.lossChartNumber("data-series-count") == 8 - diverged);
    assertThat(page.lossChartNumber("data-diverged-marks")).isZero();
    assertThat(page.byId("hide-diverged").isEnabled()).isFalse();
    browser.screenshotPage("sweep-3-diverged-hidden");

    page.byId("log-scale").click();
    page.await(
        "a linear scale", d -> "linear".equals(page.lossChart().getDomAttribute("data-scale")));
    assertThat(page.lossChartNumber("data-series-count")).isEqualTo(8 - diverged);
    browser.screenshotPage("sweep-4-linear");
  }

  @Test
  void aListOfRatesWithAnotherPresetAndOptimizer() {
    page.open("?preset=relu&optimizer=adam&lr=0.3,0.003,0.03&steps=300&pace=0");
    assertThat(page.byId("lr-list").isDisplayed()).isTrue();
    assertThat(page.byId("lr-from").isDisplayed()).isFalse();
    page.create();
    page.awaitStatus("finished");
    page.await("three curves", d -> page.lossChartNumber("data-points") == 300);
    assertThat(page.lossChartNumber("data-series-count")).isEqualTo(3);
    // The table orders the rates, smallest first, whatever the order of the list.
    assertThat(page.legendRows().stream().map(r -> r.getDomAttribute("data-lr")).toList())
        .containsExactly("0.003", "0.03", "0.3");
    assertThat(page.rateChartNumber("data-points")).isEqualTo(3);
  }

  @Test
  void aReloadFindsTheSweepAgainWithItsCurves() {
    page.open(EIGHT_RATES);
    String id = page.create();
    page.awaitStatus("finished");

    page.reload();
    page.await("the same sweep", d -> id.equals(page.sweepId()));
    page.await("its curves from the export", d -> page.lossChartNumber("data-points") == 500);
    assertThat(page.legendRows()).hasSize(8);
    assertThat(page.url()).doesNotContain(id);
    String token =
        (String) page.script("return JSON.parse(sessionStorage.getItem('downhill.sweep')).token");
    assertThat(token).isNotBlank();
    assertThat(page.url()).doesNotContain(token);
  }

  @Test
  void runPauseAndResetDriveALongSweep() {
    page.open(
        "?preset=notebook&loss=mse&optimizer=sgd&accumulate=off&lr=0.0001:1:13:log"
            + "&steps=3000000&pace=0");
    page.create();
    page.await("steps to arrive", d -> page.lossChartNumber("data-last-step") > 2000);
    page.awaitStatus("running");
    browser.screenshotPage("sweep-5-running");
    page.byId("pause").click();
    page.awaitStatus("paused");
    page.await("the Run button", d -> page.byId("run").isEnabled());
    page.await("a point per rate", d -> page.rateChartNumber("data-points") == 13);
    // The largest rates blew up within a few hundred steps: marked while the others ran on.
    page.await("the divergence marks", d -> page.lossChartNumber("data-diverged-marks") > 0);
    assertThat(page.byId("counts").getText()).contains("active").contains("diverged");
    page.byId("log-steps").click();
    page.await(
        "a log step axis", d -> "log".equals(page.lossChart().getDomAttribute("data-step-scale")));
    browser.screenshotPage("sweep-6-paused-log-steps");

    page.byId("reset").click();
    page.await("the curves to start again", d -> page.lossChartNumber("data-points") == 0);
    assertThat(page.byId("step-text").getText()).isEqualTo("step 0 of 3\u2009000\u2009000");

    page.byId("run").click();
    page.awaitStatus("running");
    page.await("new steps", d -> page.lossChartNumber("data-last-step") > 0);
    page.byId("pause").click();
    page.awaitStatus("paused");
  }

  @Test
  void largeTypeOnAProjectorKeepsTheChartsBesideTheTable() {
    browser.viewport(1920, 1080);
    page.open(EIGHT_RATES.replace("steps=500", "steps=400&target=7.5"));
    page.create();
    page.awaitStatus("finished");
    page.byId("large-type").click();
    page.await(
        "large type", d -> "true".equals(page.byId("large-type").getDomAttribute("aria-pressed")));
    page.await("every curve drawn", d -> page.lossChartNumber("data-points") == 400);
    List<WebElement> reached =
        page.legendRows().stream()
            .filter(r -> "reached-target".equals(r.getDomAttribute("data-status")))
            .toList();
    assertThat(reached).isNotEmpty();
    assertThat(page.lossChartNumber("data-target-marks")).isEqualTo(reached.size());
    browser.screenshotPage("sweep-7-projector");
    page.byId("large-type").click();
  }

  @Test
  void aPacedSweepCanBeWatchedAndItsRankingIsChosenAndNamed() {
    // The lesson's own setup: MAE with the gradient never zeroed, so every rate swings and the
    // final loss depends on where each swing stops.
    page.open("?preset=notebook&loss=mae&optimizer=sgd&accumulate=on&lr=0.0001:1:13:log&steps=300");
    assertThat(new Select(page.byId("pace")).getFirstSelectedOption().getDomAttribute("value"))
        .as("people get a pace they can watch")
        .isEqualTo("100");
    assertThat(page.byId("setup-preview").getText()).contains("at 100 steps a second");
    new Select(page.byId("pace")).selectByValue("30");
    page.await("the pace in the URL", d -> page.url().contains("pace=30"));
    page.create();
    page.awaitStatus("running");
    page.await("the first steps", d -> page.lossChartNumber("data-last-step") >= 15);
    // 300 steps at 30 a second take ten seconds: a second in, the sweep is still under way.
    assertThat(page.lossChartNumber("data-last-step")).isLessThan(200);
    assertThat(page.byId("step-text").getText()).contains("30 steps/s");
    browser.screenshotPage("sweep-8-paced-running");

    page.awaitStatus("finished");
    assertThat(page.rateChart().getDomAttribute("data-ranking")).isEqualTo("best");
    assertThat(page.byId("rate-best").getText()).startsWith("Lowest best loss: ");
    assertThat(page.byId("rate-note").getText()).isEqualTo("the lowest loss each rate reached");
    String byBest = page.rateChart().getDomAttribute("data-best-lr");

    new Select(page.byId("ranking")).selectByValue("final");
    page.await(
        "the final-loss ranking",
        d -> "final".equals(page.rateChart().getDomAttribute("data-ranking")));
    assertThat(page.byId("rate-best").getText()).startsWith("Lowest final loss: ");
    assertThat(page.byId("rate-note").getText()).isEqualTo("the final loss of each rate");

    new Select(page.byId("ranking")).selectByValue("area");
    page.await(
        "the area ranking", d -> "area".equals(page.rateChart().getDomAttribute("data-ranking")));
    assertThat(page.byId("rate-best").getText()).startsWith("Smallest area under the curve: ");
    assertThat(byBest).isNotEmpty();
    browser.screenshotPage("sweep-9-ranked-by-area");
    new Select(page.byId("ranking")).selectByValue("best");
  }
}
