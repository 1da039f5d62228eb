package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The lesson's neural network in headless Chromium: chosen in the setup with its hidden layers,
 * drawn as it trains, and one weight set by clicking it. Screenshots go to {@code
 * gateway/target/screenshots/lesson-network-*.png}.
 */
class LessonNetworkPageTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();
  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static LessonPage page;

  @BeforeAll
  static void start() throws Exception {
    browser = browsers.open("lesson-network", 1440, 1000);
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
  }

  private JsonObject serverState() throws Exception {
    String id =
        (String) page.script("return JSON.parse(sessionStorage.getItem('downhill.main')).id");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/sessions/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  private List<WebElement> layerBoxes(WebElement setup) {
    return setup.findElements(By.cssSelector("[data-role='layers'] input[type=number]"));
  }

  @Test
  void aNetworkChosenInTheSetupIsDrawnTrainedAndEditedWeightByWeight() throws Exception {
    page.open("");
    WebElement setup = page.section("setup-section");
    setup.findElement(By.tagName("summary")).click();
    new Select(setup.findElement(By.name("model.kind"))).selectByValue("mlp");
    WebElement layers = LessonPage.role(setup, "hidden-layers");
    page.await("the hidden layers control", d -> layers.isDisplayed());
    assertThat(layerBoxes(setup)).hasSize(2);
    WebElement add = LessonPage.role(setup, "add-layer");
    add.click();
    assertThat(layerBoxes(setup)).hasSize(3);
    assertThat(add.isEnabled()).as("at most three hidden layers").isFalse();
    WebElement second = layerBoxes(setup).get(1);
    second.clear();
    second.sendKeys("6\t");
    page.await(
        "the widths in the setup",
        d -> setup.findElement(By.name("model.hidden")).getDomProperty("value").equals("8, 6, 8"));
    browser.screenshot(setup, "lesson-network-1-setup");
    setup.findElement(By.cssSelector("button[type=submit]")).click();

    LessonPage.Trainer trainer = page.trainer("descent");
    WebElement drawing = LessonPage.role(trainer.root, "network");
    page.await("the drawn network", d -> drawing.isDisplayed());
    // 8 weights from x, 8·6 and 6·8 between the layers, 8 into the output.
    page.await(
        "a line for every weight",
        d -> drawing.findElements(By.cssSelector("line")).size() == 8 + 48 + 48 + 8);
    assertThat(drawing.findElements(By.cssSelector(".units circle"))).hasSize(1 + 8 + 6 + 8 + 1);
    assertThat(page.script("return new URL(location).searchParams.get('model.hidden')"))
        .isEqualTo("8,6,8");
    JsonObject created = serverState();
    assertThat(
            created.getJsonObject("spec").getJsonObject("model").getJsonArray("hidden").getList())
        .containsExactly(8, 6, 8);

    // The output's first weight, w4[1][1]: after 8 + 8, 48 + 6 and 48 + 8 parameters.
    int index = 16 + 54 + 56;
    WebElement weight = drawing.findElement(By.cssSelector("line[data-index='" + index + "']"));
    String before = weight.getDomAttribute("data-value");
    trainer.run(150, 0);
    trainer.awaitIdleAt(150);
    page.await(
        "the drawing to follow the run", d -> !before.equals(weight.getDomAttribute("data-value")));
    browser.screenshot(trainer.root, "lesson-network-2-trained");

    JsonObject trained = serverState();
    double lossBefore = trained.getDouble("loss");
    weight.click();
    WebElement editor = LessonPage.role(drawing, "weight-editor");
    page.await("the weight editor", d -> editor.isDisplayed());
    assertThat(LessonPage.role(editor, "weight-name").getText()).startsWith("w4[1][1]");
    WebElement value = LessonPage.role(editor, "weight-value");
    value.clear();
    value.sendKeys("5");
    browser.screenshot(LessonPage.role(trainer.root, "network-fig"), "lesson-network-3-editor");
    editor.findElement(By.cssSelector("button[type=submit]")).click();
    page.await("the editor to close", d -> !editor.isDisplayed());

    JsonObject edited = serverState();
    assertThat(edited.getJsonArray("params").getDouble(index)).isEqualTo(5.0);
    assertThat(edited.getDouble("loss")).isNotEqualTo(lossBefore);
    page.await("the drawn weight", d -> "5".equals(weight.getDomAttribute("data-value")));
    WebElement loss = LessonPage.role(trainer.root, "loss");
    page.await(
        "the shown loss to follow",
        d -> Double.parseDouble(loss.getDomAttribute("data-value")) == edited.getDouble("loss"));
    assertThat(page.bodyText()).doesNotContain("NaN");
    browser.screenshot(LessonPage.role(trainer.root, "network-fig"), "lesson-network-4-weight-set");
    browser.screenshot(page.section("hand"), "lesson-network-5-by-hand");
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }
}
