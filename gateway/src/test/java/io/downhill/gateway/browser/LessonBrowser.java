package io.downhill.gateway.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.downhill.gateway.DownhillServer;
import io.downhill.gateway.TestServers;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port and headless Chromium on its lesson page, for one test class:
 * register it as a static extension; it starts before the class's own {@code @BeforeAll} and closes
 * the browser, then the server, after all its tests. Skips the class without Chromium.
 */
final class LessonBrowser implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, Object> overrides;
  private DownhillServer server;
  private Browser browser;
  private LessonPage page;

  private LessonBrowser(Map<String, Object> overrides) {
    this.overrides = overrides;
  }

  /** A server with these settings overridden. */
  static LessonBrowser with(Map<String, Object> overrides) {
    return new LessonBrowser(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
    server = TestServers.start(overrides);
    browser = Browser.start();
    page = new LessonPage(browser.driver, "http://localhost:" + server.port());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
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

  DownhillServer server() {
    return server;
  }

  Browser browser() {
    return browser;
  }

  LessonPage page() {
    return page;
  }
}
