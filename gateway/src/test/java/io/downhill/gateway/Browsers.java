package io.downhill.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The browser tests' one extension: {@code @RegisterExtension static final Browsers browsers = new
 * Browsers();} then {@code browsers.open("ada", 1280, 900)} (or {@link #openPhone}) in a test or in
 * {@code @BeforeAll}. Every browser a class opened is closed after it. Without Chromium the class
 * is skipped on a developer's machine, and fails in CI (where {@code CI} is set), so a broken
 * install cannot pass as green. A failed test leaves a screenshot of every open browser's page
 * ({@code FAILED-<class>-<test>-<who>.png}) and their console errors, to see what went wrong.
 */
public final class Browsers implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  private final List<Browser> open = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    if (Browser.available()) {
      return;
    }
    String missing =
        "needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER + " (Debian's chromium)";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("the browser tests " + missing);
    }
    Assumptions.abort(missing);
  }

  /** A desktop browser with a window of this size, closed after the class. */
  public Browser open(String who, int width, int height) throws IOException {
    return kept(Browser.launch(who, width, height));
  }

  /** A phone-sized touch screen, closed after the class. */
  public Browser openPhone(String who, int width, int height) throws IOException {
    return kept(Browser.launchPhone(who, width, height));
  }

  private synchronized Browser kept(Browser browser) {
    open.add(browser);
    return browser;
  }

  @Override
  public synchronized void testFailed(ExtensionContext context, Throwable cause) {
    String test =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("class");
    for (Browser browser : open) {
      try {
        browser.screenshotPage("FAILED-" + test + "-" + browser.who);
        System.err.println(browser.who + "'s console: " + browser.scriptErrors());
      } catch (RuntimeException closedOrGone) {
        System.err.println(browser.who + ": no screenshot (" + closedOrGone.getMessage() + ")");
      }
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) throws IOException {
    IOException first = null;
    for (Browser browser : open) {
      try {
        browser.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }
}
