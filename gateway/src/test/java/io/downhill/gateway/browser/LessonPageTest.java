package io.downhill.gateway.browser;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The lesson page in headless Chromium against a real server on a free port: what a workshop
 * participant does, step by step. Each test opens the page afresh and leaves a screenshot in {@code
 * gateway/target/screenshots}.
 */
class LessonPageTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();
  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static LessonPage page;

  @BeforeAll
  static void start() throws IOException {
    browser = browsers.open("lesson", 1440, 1000);
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
  }

  @AfterEach
  void noScriptErrorsAndLaptopSize() {
    browser.viewport(1440, 1000);
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }

  @Test
  void pageShowsTheLessonsDataAndLoss() {
    page.open("");
    page.await("the loss of the starting values", d -> !page.handLoss().getText().equals("—"));
    // The lesson: loss = quad_mae(abc) with abc = [1.1, 1.2, 1.3] prints 4.4666.
    assertThat(page.handLoss().getText()).isEqualTo("4.4666");
    assertThat(page.section("hand").findElements(By.cssSelector("input[type=range]")))
        .extracting(slider -> slider.getDomAttribute("data-param"))
        .containsExactly("a", "b", "c");
    assertThat(page.section("hand").findElements(By.cssSelector(".uplot canvas"))).isNotEmpty();
    assertThat(page.bodyText()).doesNotContain("NaN").doesNotContain("Infinity");
    browser.screenshotPage("01-lesson-page");
  }

  @Test
  void draggingASliderChangesTheDisplayedLoss() {
    page.open("");
    page.await("the starting loss", d -> page.handLoss().getText().equals("4.4666"));

    WebElement a = page.handSlider("a");
    new Actions(browser.driver).clickAndHold(a).moveByOffset(60, 0).release().perform();
    page.await("the loss to follow the drag", d -> !page.handLoss().getText().equals("4.4666"));
    String dragged = page.handLoss().getText();

    WebElement c = page.handSlider("c");
    for (int i = 0; i < 5; i++) {
      c.sendKeys(Keys.ARROW_RIGHT);
    }
    page.await("the loss to follow the keys", d -> !page.handLoss().getText().equals(dragged));
    WebElement box = page.section("hand").findElement(By.cssSelector("[data-param-box='c']"));
    assertThat(box.getDomProperty("value")).isEqualTo("1.35");
    assertThat(page.handLoss().getText()).doesNotContain("NaN");
    browser.screenshot(page.section("hand"), "02-fit-by-hand");

    double handA =
        Double.parseDouble(
            page.section("hand")
                .findElement(By.cssSelector("[data-param-box='a']"))
                .getDomProperty("value"));
    LessonPage.role(page.section("hand"), "apply").click();
    WebElement trainedA =
        page.trainer("descent").gradientRow("a").findElement(By.cssSelector("td"));
    page.await(
        "gradient descent to start from the hand-set a",
        d -> Math.abs(number(trainedA.getText()) - handA) < 1e-3);
  }

  @Test
  void steppingAndRunningGrowTheLossChartAndExplainTheGradient() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    assertThat(trainer.points()).isZero();

    trainer.step();
    trainer.awaitIdleAt(1);
    assertThat(trainer.points()).isEqualTo(1);
    // The lesson's first gradient is [-1.4194, 0.0737, -0.9000]: increase a, decrease b, increase
    // c.
    assertThat(trainer.gradientRow("a").getText()).contains("−1.4194", "increase a");
    assertThat(trainer.gradientRow("b").getText()).contains("0.0737", "decrease b");
    assertThat(trainer.gradientRow("c").getText()).contains("−0.9000", "increase c");

    trainer.run(60, 100);
    page.await("the chart to grow while running", d -> trainer.points() > 1);
    trainer.awaitIdleAt(61);
    assertThat(trainer.points()).isEqualTo(61);

    WebElement hover = LessonPage.role(trainer.root, "hover");
    trainer.lossChart().sendKeys(Keys.END);
    page.await("the keyboard cursor on the last step", d -> hover.getText().startsWith("Step 61:"));
    trainer.lossChart().sendKeys(Keys.ARROW_LEFT);
    page.await("the keyboard cursor one step back", d -> hover.getText().startsWith("Step 60:"));

    LessonPage.role(trainer.root, "log").click();
    page.await(
        "the log scale", d -> "log".equals(trainer.lossChart().getDomAttribute("data-scale")));
    assertThat(trainer.points()).isEqualTo(61);
    LessonPage.role(trainer.root, "log").click();

    new Actions(browser.driver).moveToElement(trainer.lossChart(), 40, 40).perform();
    page.await(
        "the hover readout",
        d -> LessonPage.role(trainer.root, "hover").getText().startsWith("Step "));
    assertThat(LessonPage.role(trainer.root, "csv").getDomAttribute("href"))
        .endsWith("/history?format=csv");
    browser.screenshot(page.section("descent"), "03-gradient-descent");
  }

  @Test
  void pickingAPastStepShowsTheCurveAsItWasThen() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(30, 0);
    trainer.awaitIdleAt(30);
    WebElement pinned = LessonPage.role(trainer.root, "pinned");
    WebElement hover = LessonPage.role(trainer.root, "hover");
    trainer.lossChart().sendKeys(Keys.HOME);
    page.await("the keyboard cursor on step 1", d -> hover.getText().startsWith("Step 1:"));
    trainer.lossChart().sendKeys(Keys.ENTER);
    // The server replays the run to step 1: its loss is the lesson's first, 4.4666.
    page.await("the curve of step 1", d -> pinned.isDisplayed());
    assertThat(pinned.getText()).contains("after step 1", "4.4666");
    browser.screenshot(page.section("descent"), "03b-curve-at-a-past-step");
    trainer.lossChart().sendKeys(Keys.ESCAPE);
    page.await("back to now", d -> !pinned.isDisplayed());
  }

  @Test
  void pauseStopsARunPartWay() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(100_000, 30);
    page.await("the run to start", d -> "running".equals(trainer.status()) && trainer.points() > 3);
    LessonPage.role(trainer.root, "pause-btn").click();
    page.await("the pause", d -> "idle".equals(trainer.status()));
    long paused = trainer.lastStep();
    assertThat(paused).isBetween(3L, 99_999L);
    assertThat(LessonPage.role(trainer.root, "step").getText()).isEqualTo(Long.toString(paused));
  }

  @Test
  void aLongFullSpeedRunIsThinnedButEndsOnItsLastStep() {
    page.open("?accumulateGradients=false");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(60_000, 0);
    page.await(
        "the end of a long run",
        d -> "idle".equals(trainer.status()) && trainer.lastStep() == 60_000);
    // The chart keeps at most 20 000 points however long the run, and always the last step.
    assertThat(trainer.points()).isBetween(1_000, 20_000);
    assertThat(LessonPage.role(trainer.root, "step").getText()).isEqualTo("60\u2009000");
  }

  @Test
  void aReloadKeepsTheSessionAndRedrawsItsSteps() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(25, 0);
    trainer.awaitIdleAt(25);
    String id = (String) page.script("return JSON.parse(sessionStorage['downhill.main']).id");

    browser.driver.navigate().refresh();
    LessonPage.Trainer reloaded = page.trainer("descent");
    page.await("the steps from before the reload", d -> reloaded.points() == 25);
    assertThat(page.script("return JSON.parse(sessionStorage['downhill.main']).id")).isEqualTo(id);
    assertThat(LessonPage.role(reloaded.root, "step").getText()).isEqualTo("25");
  }

  @Test
  void fittingReluUnitsLowersTheLoss() {
    page.open("");
    WebElement relu = page.section("relu");
    relu.findElement(By.cssSelector("input[name='relu-count'][value='3']")).click();
    assertThat(
            LessonPage.role(relu, "relu-sliders").findElements(By.cssSelector("input[type=range]")))
        .hasSize(6);

    WebElement form = LessonPage.role(relu, "relu-fit-form");
    type(form.findElement(By.name("units")), "3");
    type(form.findElement(By.name("lr")), "0.05");
    type(form.findElement(By.name("steps")), "300");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    LessonPage.Trainer trainer = page.trainer("relu");
    trainer.awaitIdleAt(300);
    assertThat(trainer.lastLoss()).isLessThan(trainer.firstLoss() * 0.6);
    assertThat(trainer.gradientRow("m3").isDisplayed()).isTrue();
    browser.screenshot(relu, "04-relu");
  }

  @Test
  void forgettingToZeroTheGradientChangesTheTrajectory() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    WebElement forget = LessonPage.role(page.section("loop"), "forget");
    assertThat(forget.isSelected()).as("the notebook preset forgets, as the lesson does").isTrue();

    trainer.run(40, 0);
    trainer.awaitIdleAt(40);
    double forgetting = trainer.lastLoss();

    trainer.reset();
    page.await("the reset", d -> trainer.points() == 0);
    page.section("loop").findElement(By.cssSelector("label.switch")).click();
    page.await(
        "gradients to be zeroed",
        d -> !forget.isSelected() && !LessonPage.role(trainer.root, "accumulating").isDisplayed());
    trainer.run(40, 0);
    trainer.awaitIdleAt(40);
    double zeroing = trainer.lastLoss();
    assertThat(zeroing).isNotCloseTo(forgetting, org.assertj.core.data.Offset.offset(1e-6));

    WebElement loop = page.section("loop");
    WebElement compare = LessonPage.role(loop, "compare-form");
    type(compare.findElement(By.name("steps")), "100");
    compare.findElement(By.cssSelector("button[type=submit]")).click();
    page.await(
        "the comparison",
        d -> LessonPage.role(loop, "compare-result").getText().startsWith("After 100 steps"));
    assertThat(LessonPage.role(loop, "compare-chart").getDomAttribute("data-points"))
        .isEqualTo("100");
    browser.screenshot(loop, "05-forget-to-zero");
  }

  @Test
  void aDivergingRunIsShownAsDivergedWithoutNaN() {
    page.open("?preset=notebook&loss=mse&lr=2&accumulateGradients=false");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(5000, 0);
    page.await("the divergence", d -> "diverged".equals(trainer.status()));
    WebElement alert = LessonPage.role(trainer.root, "diverged");
    page.await("the divergence alert", d -> alert.isDisplayed());
    assertThat(alert.getText()).startsWith("Diverged at step");
    assertThat(LessonPage.role(trainer.root, "status").getText()).isEqualToIgnoringCase("diverged");
    assertThat(page.bodyText()).doesNotContain("NaN").doesNotContain("Infinity");
    browser.screenshot(page.section("descent"), "06-diverged");
  }

  @Test
  void theSetupLivesInTheUrlButTheTokenDoesNot() {
    page.open("?preset=notebook&model.kind=relu-sum&model.units=3&loss=mse");
    List<String> names =
        page.section("hand").findElements(By.cssSelector("input[type=range]")).stream()
            .map(slider -> slider.getDomAttribute("data-param"))
            .toList();
    assertThat(names).containsExactly("m1", "b1", "m2", "b2", "m3", "b3");
    assertThat(LessonPage.role(page.section("hand"), "hand-loss-name").getText()).isEqualTo("MSE");

    WebElement setup = page.section("setup-section");
    setup.findElement(By.tagName("summary")).click();
    type(setup.findElement(By.name("seed")), "7");
    setup.findElement(By.cssSelector("button[type=submit]")).click();
    page.await("the new setup in the address bar", d -> d.getCurrentUrl().contains("seed=7"));
    assertThat(browser.driver.getCurrentUrl()).contains("model.units=3").contains("loss=mse");
    String token = (String) page.script("return JSON.parse(sessionStorage['downhill.main']).token");
    assertThat(token).isNotBlank();
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
    assertThat(LessonPage.role(setup, "setup-link").getDomAttribute("href")).doesNotContain(token);
    browser.screenshot(setup, "07-setup");
  }

  @Test
  void aRefusedSetupShowsTheServersReasonAndTheField() {
    page.open("");
    WebElement setup = page.section("setup-section");
    setup.findElement(By.tagName("summary")).click();
    type(setup.findElement(By.name("data.n")), "0");
    setup.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement error = LessonPage.role(setup, "setup-error");
    page.await("the refusal", d -> error.isDisplayed());
    assertThat(error.getText()).startsWith("data.n: ").hasSizeGreaterThan("data.n: ".length());
    assertThat(setup.findElement(By.name("data.n")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.screenshot(setup, "08-refused-setup");
  }

  @Test
  void largeTypeForProjectors() {
    browser.viewport(1920, 1080);
    page.open("");
    browser.driver.findElement(By.id("large-type")).click();
    page.await(
        "large type",
        d -> page.script("return document.documentElement.classList.contains('large')"));
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(150, 0);
    trainer.awaitIdleAt(150);
    browser.driver.findElement(By.cssSelector("a[href='#descent']")).click();
    browser.screenshot(page.section("descent"), "09-projector-large-type");
    browser.screenshotPage("10-projector-full-page");
    browser.driver.findElement(By.id("large-type")).click();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "?model.kind=polynomial&model.degree=4&optimizer.kind=adam&schedule.kind=cosine&lr=0.05",
        "?data.target.kind=sine&loss=mse&optimizer.kind=momentum&schedule.kind=step"
            + "&schedule.stepSize=10&accumulateGradients=false",
        "?data.target.kind=abs&model.kind=relu-sum&model.units=4&gradients=autograd"
            + "&schedule.kind=exponential&schedule.gamma=0.99&accumulateGradients=false",
      })
  void everyKindOfSetupTrains(String query) {
    page.open(query);
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(50, 0);
    trainer.awaitIdleAt(50);
    assertThat(trainer.lastLoss()).isFinite();
    assertThat(
            page.section("descent").findElements(By.cssSelector("[data-role='fit-chart'] canvas")))
        .isNotEmpty();
    assertThat(page.bodyText()).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void theLessonTellsItsStoryInItsOrder() {
    page.open("");
    List<String> order =
        browser.driver.findElements(By.cssSelector("main > section.step")).stream()
            .map(section -> section.getDomAttribute("id"))
            .toList();
    assertThat(order).containsExactly("hand", "descent", "loop", "relu");

    WebElement hand = page.section("hand");
    // The true function and the noise, as the notebook makes them.
    assertThat(LessonPage.role(hand, "truth").getText()).isEqualTo("y = 3x² + 4x + 5");
    assertThat(LessonPage.role(hand, "data-code").getText())
        .contains("def add_noise(x, multiplier, add)", "seed(42)", "y = add_noise(f(x), 0.4, 1.5)");
    assertThat(LessonPage.role(hand, "noise-story").getText()).contains("N(0, 0.4)", "N(0, 1.5)");
    WebElement formula = LessonPage.role(hand, "hand-formula");
    assertThat(formula.getText()).isEqualTo("y = 1.10x² + 1.20x + 1.30");
    WebElement c = page.handSlider("c");
    for (int i = 0; i < 5; i++) {
      c.sendKeys(Keys.ARROW_RIGHT);
    }
    page.await("the formula to follow the slider", d -> formula.getText().endsWith("+ 1.35"));
    LessonPage.role(hand, "show-truth").click();
    page.await(
        "the true function on the chart",
        d ->
            LessonPage.role(hand, "hand-chart")
                .getDomAttribute("aria-label")
                .contains("true function"));
    browser.screenshot(hand, "11-data-story-and-formula");

    // The lesson's loss.backward(), then abc.grad: the gradient without a step.
    LessonPage.Trainer trainer = page.trainer("descent");
    LessonPage.role(trainer.root, "grad-btn").click();
    page.await(
        "the gradient", d -> "computed".equals(trainer.root.getDomAttribute("data-gradient")));
    assertThat(trainer.gradientRow("a").getText()).contains("−1.4194", "increase a");
    assertThat(trainer.gradientRow("b").getText()).contains("0.0737", "decrease b");
    assertThat(trainer.gradientRow("c").getText()).contains("−0.9000", "increase c");
    assertThat(LessonPage.role(trainer.root, "grads-source").getText()).contains("without a step");
    assertThat(LessonPage.role(trainer.root, "step").getText()).isEqualTo("0");
    browser.screenshot(page.section("descent"), "12-gradient-without-a-step");

    trainer.step();
    trainer.awaitIdleAt(1);
    assertThat(trainer.root.getDomAttribute("data-gradient")).isEqualTo("stepped");
  }

  @Test
  void aSwingingLossIsExplainedWhereItSwingsWithAOneClickComparison() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    WebElement story = LessonPage.role(page.section("descent"), "accumulate-story");
    assertThat(story.isDisplayed()).isTrue();
    assertThat(story.getText()).contains("never zeroes the gradient");
    trainer.run(200, 0);
    trainer.awaitIdleAt(200);
    page.await(
        "the swing to be explained",
        d -> trainer.root.getDomAttribute("data-warnings").contains("swinging"));
    WebElement warning =
        trainer.root.findElement(By.cssSelector("[data-role='warnings'] [data-kind='swinging']"));
    assertThat(warning.getText()).contains("never zeroes its gradient");

    warning.findElement(By.cssSelector("[data-role='compare-now']")).click();
    WebElement compare = LessonPage.role(page.section("descent"), "descent-compare");
    page.await(
        "both runs on one chart",
        d -> LessonPage.role(compare, "compare-result").getText().startsWith("After 200 steps"));
    assertThat(LessonPage.role(compare, "compare-chart").getDomAttribute("data-points"))
        .isEqualTo("200");
    assertThat(LessonPage.role(compare, "compare-result").getText())
        .contains("zeroed every step", "never zeroed");
    browser.screenshot(page.section("descent"), "13-swing-explained-and-compared");
  }

  @Test
  void warningsComeBeforeTheLossStopsBeingANumber() {
    page.open("?loss=mse&lr=0.3&accumulateGradients=false");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(60, 0);
    trainer.awaitIdleAt(60);
    // The run ends idle at an MSE around 1e29: not yet diverged, but warned about.
    assertThat(trainer.status()).isEqualTo("idle");
    page.await(
        "the blow-up warning",
        d -> trainer.root.getDomAttribute("data-warnings").contains("blow-up"));
    assertThat(trainer.root.getDomAttribute("data-warnings")).contains("rising");
    assertThat(
            trainer
                .root
                .findElement(By.cssSelector("[data-role='warnings'] [data-kind='blow-up']"))
                .getText())
        .contains("times what it was at the start", "Lower the learning rate");
    WebElement offChart = LessonPage.role(trainer.root, "off-chart");
    page.await("the curve-off-the-chart note", d -> offChart.isDisplayed());
    assertThat(offChart.getText()).contains("off the chart");
    assertThat(page.bodyText()).doesNotContain("NaN").doesNotContain("Infinity");
    browser.screenshot(page.section("descent"), "14-early-warnings");
  }

  @Test
  void startFromHereIsAFreshStartAndResetReturnsToIt() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.step();
    trainer.awaitIdleAt(1);
    trainer.step();
    trainer.awaitIdleAt(2);

    WebElement hand = page.section("hand");
    for (String[] value : new String[][] {{"a", "3"}, {"b", "4"}, {"c", "5"}}) {
      type(hand.findElement(By.cssSelector("[data-param-box='" + value[0] + "']")), value[1]);
    }
    LessonPage.role(hand, "apply").click();
    WebElement stepReadout = LessonPage.role(trainer.root, "step");
    page.await(
        "a fresh start",
        d ->
            stepReadout.getText().equals("0")
                && trainer.points() == 0
                && gradientCell(trainer, "a").getText().equals("—"));
    assertThat(valueCell(trainer, "a").getText()).isEqualTo("3.0000");
    assertThat(LessonPage.role(hand, "hand-note").getText()).contains("step 0");

    // The first step uses the gradient at 3, 4, 5 alone: the old sum was zeroed.
    LessonPage.role(trainer.root, "grad-btn").click();
    page.await(
        "the gradient", d -> "computed".equals(trainer.root.getDomAttribute("data-gradient")));
    String atStart = gradientCell(trainer, "a").getText();
    trainer.step();
    trainer.awaitIdleAt(1);
    assertThat(gradientCell(trainer, "a").getText()).isEqualTo(atStart);

    trainer.step();
    trainer.awaitIdleAt(2);
    trainer.reset();
    page.await("the reset", d -> trainer.points() == 0 && stepReadout.getText().equals("0"));
    page.await("the chosen start", d -> valueCell(trainer, "a").getText().equals("3.0000"));
    assertThat(valueCell(trainer, "b").getText()).isEqualTo("4.0000");
    assertThat(valueCell(trainer, "c").getText()).isEqualTo("5.0000");
    // The setup says so too, and a link to it starts there.
    WebElement setup = page.section("setup-section");
    assertThat(setup.findElement(By.name("init")).getDomProperty("value")).isEqualTo("3, 4, 5");
    assertThat(decoded(browser.driver.getCurrentUrl())).contains("init=3,4,5");
    browser.screenshot(page.section("descent"), "15-fresh-start-and-reset");
  }

  @Test
  void theSetupAndEverySwitchAlwaysAgree() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    WebElement setup = page.section("setup-section");
    WebElement summary = setup.findElement(By.cssSelector("[data-role='setup-summary']"));
    WebElement setupBox = setup.findElement(By.name("accumulateGradients"));
    WebElement forget = LessonPage.role(page.section("loop"), "forget");
    assertThat(summary.getText()).contains("gradient never zeroed");
    assertThat(setupBox.isSelected()).isTrue();
    assertThat(forget.isSelected()).isTrue();

    page.section("loop").findElement(By.cssSelector("label.switch")).click();
    page.await(
        "the setup to follow the switch",
        d ->
            !summary.getText().contains("never zeroed")
                && !setupBox.isSelected()
                && !LessonPage.role(trainer.root, "accumulating").isDisplayed());
    assertThat(LessonPage.role(page.section("descent"), "accumulate-story").isDisplayed())
        .isFalse();

    WebElement lr = LessonPage.role(trainer.root, "lr");
    type(lr, "0.05");
    lr.sendKeys(Keys.TAB);
    page.await(
        "the setup to follow the rate", d -> summary.getText().contains("learning rate 0.05"));
    assertThat(setup.findElement(By.name("lr")).getDomProperty("value")).isEqualTo("0.05");
    assertThat(browser.driver.getCurrentUrl())
        .contains("lr=0.05")
        .contains("accumulateGradients=false");
    setup.findElement(By.tagName("summary")).click();
    browser.screenshot(setup, "16-setup-follows-the-switches");

    // A reload keeps the session, and the setup, the switch and the session still agree.
    String id = (String) page.script("return JSON.parse(sessionStorage['downhill.main']).id");
    browser.driver.navigate().refresh();
    page.await(
        "the session again",
        d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-session")));
    assertThat(page.script("return JSON.parse(sessionStorage['downhill.main']).id")).isEqualTo(id);
    WebElement forgetAgain = LessonPage.role(page.section("loop"), "forget");
    page.await("the switch as the session has it", d -> !forgetAgain.isSelected());
    assertThat(
            page.section("setup-section").findElement(By.name("accumulateGradients")).isSelected())
        .isFalse();
  }

  @Test
  void aClassroomLinkHidesTheChosenControls() {
    page.open("?lr=0.02");
    browser.driver.findElement(By.id("share-classroom")).click();
    WebElement dialog = browser.driver.findElement(By.id("classroom-dialog"));
    page.await("the dialog", d -> dialog.isDisplayed());
    for (String key : List.of("setup", "lr", "relu")) {
      dialog.findElement(By.cssSelector("input[name='hide'][value='" + key + "']")).click();
    }
    WebElement link = dialog.findElement(By.cssSelector("[data-role='classroom-link']"));
    page.await("the link", d -> link.getDomProperty("value").contains("hide=setup,lr,relu"));
    String url = link.getDomProperty("value");
    assertThat(url).contains("lr=0.02").doesNotContain("token").doesNotContain("#");
    browser.screenshot(dialog, "17-classroom-dialog");
    dialog.findElement(By.cssSelector("button[value='close']")).click();

    page.script("sessionStorage.clear()");
    browser.driver.get(url);
    page.await(
        "the classroom's page",
        d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-session")));
    assertThat(page.section("setup-section").isDisplayed()).isFalse();
    assertThat(page.section("relu").isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.cssSelector("nav a[href='#relu']")).isDisplayed())
        .isFalse();
    LessonPage.Trainer trainer = page.trainer("descent");
    assertThat(LessonPage.role(trainer.root, "lr").isDisplayed()).isFalse();
    assertThat(LessonPage.role(trainer.root, "step-btn").isDisplayed()).isTrue();
    assertThat(LessonPage.role(trainer.root, "speed").isDisplayed()).isTrue();
    assertThat(browser.driver.findElement(By.id("share-classroom")).isDisplayed()).isTrue();
    // The setup of the link is the session's: its rate is the one the teacher chose.
    assertThat(LessonPage.role(trainer.root, "rate").getText()).isEqualTo("0.02");
    trainer.step();
    trainer.awaitIdleAt(1);
    assertThat(browser.driver.getCurrentUrl()).contains("hide=setup,lr,relu");
    browser.screenshotPage("18-classroom-page");
  }

  private static String decoded(String url) {
    return java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static WebElement gradientCell(LessonPage.Trainer trainer, String name) {
    return trainer.gradientRow(name).findElements(By.cssSelector("td")).get(1);
  }

  private static WebElement valueCell(LessonPage.Trainer trainer, String name) {
    return trainer.gradientRow(name).findElements(By.cssSelector("td")).get(0);
  }

  /** A number as the page prints it (with a typographic minus). */
  private static double number(String text) {
    return Double.parseDouble(text.replace('\u2212', '-'));
  }

  /** Replaces an input's text, as a person selecting it and typing would. */
  private static void type(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }
}
