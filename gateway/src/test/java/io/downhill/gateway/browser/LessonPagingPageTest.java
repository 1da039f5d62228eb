package io.downhill.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
  static Browser browser;
  static LessonPage page;

  @RegisterExtension
  static final LessonBrowser lesson =
      LessonBrowser.with(Map.of("downhill.gateway.max-values-per-answer", 1000));

  @BeforeAll
  static void start() {
    browser = lesson.browser();
    page = lesson.page();
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
