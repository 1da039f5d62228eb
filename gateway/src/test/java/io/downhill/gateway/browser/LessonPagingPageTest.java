package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.downhill.gateway.DownhillServer;
import io.downhill.gateway.TestServers;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lesson page against a server whose answers hold at most 1,000 numbers, so the lesson's own
 * model (9 numbers a step) gets its history in pages of about a hundred steps: the page follows
 * them and loses none.
 */
class LessonPagingPageTest {
  static DownhillServer server;
  static Browser browser;
  static LessonPage page;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    server = TestServers.start(Map.of("downhill.gateway.max-values-per-answer", 1000));
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

  @Test
  void aReloadReadsEveryPageOfTheHistoryBackIntoTheChart() {
    page.open("");
    LessonPage.Trainer trainer = page.trainer("descent");
    trainer.run(1500, 0);
    trainer.awaitIdleAt(1500);

    browser.driver.navigate().refresh();
    LessonPage.Trainer reloaded = page.trainer("descent");
    page.await("every step from before the reload", d -> reloaded.points() == 1500);
    assertThat(LessonPage.role(reloaded.root, "step").getText()).isEqualTo("1\u2009500");
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }
}
