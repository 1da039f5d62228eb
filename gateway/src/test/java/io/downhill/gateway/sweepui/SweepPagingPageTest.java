package io.downhill.gateway.sweepui;

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
 * The sweep page against a server whose answers hold at most 1,000 numbers: a sweep of 400 rates
 * reaches the page in parts — REST pages of about a hundred variants, WebSocket states split into
 * several messages — and the page puts every variant together.
 */
class SweepPagingPageTest {
  static final String MANY_RATES =
      "?preset=notebook&loss=mse&optimizer=sgd&accumulate=off&lr=0.0001:0.1:400:log&steps=50&pace=0";

  @RegisterExtension
  static final LiveServer server =
      LiveServer.start(Map.of("downhill.gateway.max-values-per-answer", 1000));

  @RegisterExtension static final Browsers browsers = new Browsers();
  static Browser browser;
  static SweepPage page;

  @BeforeAll
  static void start() throws IOException {
    browser = browsers.open("sweep-paging", 1440, 1000);
    page = new SweepPage(browser.driver, "http://localhost:" + server.port());
  }

  @Test
  void aSweepInPartsShowsEveryVariantLiveAndAfterAReload() {
    page.open(MANY_RATES);
    String id = page.create();
    page.awaitStatus("finished");
    page.await("a point per rate", d -> page.rateChartNumber("data-points") == 400);
    assertThat(page.lossChartNumber("data-variants")).isEqualTo(400);
    assertThat(page.legendRows()).hasSize(400);

    page.reload();
    page.await("the same sweep", d -> id.equals(page.sweepId()));
    page.await("a point per rate again", d -> page.rateChartNumber("data-points") == 400);
    assertThat(page.legendRows()).hasSize(400);
    assertThat(browser.scriptErrors()).as("errors in the page's console").isEmpty();
  }
}
