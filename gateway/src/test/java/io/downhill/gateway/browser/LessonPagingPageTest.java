package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lesson page against a server whose answers hold at most 1,000 numbers, so the lesson's own
 * model (9 numbers a step) gets its history in pages of about a hundred steps: the page follows
 * them and loses none.
 */
class LessonPagingPageTest {
  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(Map.of("downhill.gateway.max-values-per-answer", 1000));

  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static LessonPage page;

  @BeforeAll
  static void start() throws IOException {
    browser = browsers.open("lesson-paging", 1440, 1000);
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
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
