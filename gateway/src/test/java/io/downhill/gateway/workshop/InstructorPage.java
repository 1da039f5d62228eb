package io.downhill.gateway.workshop;

import static io.downhill.gateway.Browser.role;

import io.downhill.gateway.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The instructor's page (/workshop/instructor.html) as a test drives it: through the labels and
 * buttons a person uses, and the {@code data-role} marks the page puts on what it shows.
 */
final class InstructorPage {
  final Browser browser;
  private final String base;

  InstructorPage(Browser browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  InstructorPage open() {
    browser.driver.get(base + "/workshop/instructor.html");
    browser.await("the form to open a workshop", d -> browser.shown("#create-form"));
    return this;
  }

  /** Fills the form and opens the workshop; returns its join code as the page shows it. */
  String create(String title, String preset, int openSteps) {
    WebElement form = browser.find("#create-form");
    WebElement titleInput = form.findElement(By.name("title"));
    titleInput.clear();
    titleInput.sendKeys(title);
    new Select(form.findElement(By.name("preset"))).selectByValue(preset);
    new Select(form.findElement(By.name("openSteps"))).selectByValue(Integer.toString(openSteps));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.await(
        "the workshop to open",
        d -> "open".equals(browser.find("body").getDomAttribute("data-workshop")));
    browser.await(
        "the dashboard's WebSocket",
        d -> "open".equals(browser.find("#connection").getDomAttribute("data-state")));
    return browser.await(
        "the join code",
        d -> {
          String code = role(browser.find("#join-panel"), "code").getDomAttribute("data-code");
          return code == null || code.isEmpty() ? null : code;
        });
  }

  /** The row of a participant, found by name as the table shows it (as text). */
  WebElement row(String name) {
    return browser.await(
        name + " in the table",
        d ->
            browser.findAll("#dashboard tbody tr").stream()
                .filter(r -> role(r, "name").getText().equals(name))
                .findFirst()
                .orElse(null));
  }

  int rows() {
    return browser.findAll("#dashboard tbody tr").size();
  }

  static String cell(WebElement row, String role) {
    return role(row, role).getText();
  }

  void watch(String name) {
    role(row(name), "name").click();
    browser.await("the detail panel", d -> browser.shown("#detail"));
  }

  void showWatchedToEveryone() {
    WebElement show = role(browser.find("#detail"), "detail-show");
    show.click();
    browser.await("the spotlight", d -> "true".equals(show.getDomAttribute("aria-pressed")));
  }

  WebElement control(String role) {
    return role(browser.find("#room"), role);
  }

  /** Presses a button that asks first, and confirms in the dialog. */
  void confirm(String role) {
    control(role).click();
    WebElement ok =
        browser.await(
            "the confirmation",
            d ->
                browser.shown("#confirm") ? browser.find("#confirm [data-role=confirm-ok]") : null);
    ok.click();
  }
}
