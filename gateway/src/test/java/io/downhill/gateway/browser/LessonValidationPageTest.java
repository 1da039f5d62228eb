package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.downhill.gateway.DownhillServer;
import io.downhill.gateway.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A held-out validation set on the lesson page in headless Chromium against a real server on a free
 * port: a many-ReLU model on few points visibly overfits. Screenshots go to {@code
 * gateway/target/screenshots} as {@code lesson-validation-*}.
 */
class LessonValidationPageTest {
  static DownhillServer server;
  static Browser browser;
  static LessonPage page;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    server = TestServers.start(java.util.Map.of());
    browser = Browser.start();
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @RegisterExtension
  final TestWatcher screenshotOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.screenshotPage("FAILED-" + context.getRequiredTestMethod().getName());
          }
        }
      };

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
