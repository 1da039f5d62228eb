package io.downhill.gateway.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.DownhillServer;
import io.downhill.gateway.Journal;
import io.downhill.gateway.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant's page in a real browser while the server stops and starts again on the same data
 * folder and port: the page reconnects by itself and carries on with the same session, and never
 * says the workshop ended.
 */
class WorkshopRestartPageTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  @TempDir Path folder;

  @Test
  void theParticipantPageReconnectsAfterARestartAndKeepsItsSession() throws Exception {
    Journal journal = Journal.inFolder(folder);
    DownhillServer first = TestServers.start(Map.of(), journal);
    int port = first.port();
    String base = "http://localhost:" + port;
    DownhillServer second = null;
    try (Browser ada = browsers.open("restart-ada", 1280, 900)) {
      HttpResponse<String> opened =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/workshops"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"title\":\"Kept\",\"openSteps\":2}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String code = new JsonObject(opened.body()).getString("code");

      ParticipantPage page = new ParticipantPage(ada, base).open();
      page.join(code, "Ada");
      page.step();
      page.step();
      ada.await("two steps", d -> page.shownStep() == 2);

      first.close();
      first = null;
      ada.await(
          "the page to notice the server is gone",
          d -> !"open".equals(ada.find("#connection").getDomAttribute("data-state")));
      second = TestServers.start(Map.of(), journal, port);

      ada.await(
          "the page to reconnect by itself",
          d -> "open".equals(ada.find("#connection").getDomAttribute("data-state")));
      page.step();
      ada.await("the same session, one step on", d -> page.shownStep() == 3);
      assertThat(ada.shown("#ended")).isFalse();
      ada.screenshotPage("workshop-restart-participant-reconnected");
    } finally {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
    }
  }
}
