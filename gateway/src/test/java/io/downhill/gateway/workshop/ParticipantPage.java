package io.downhill.gateway.workshop;

import static io.downhill.gateway.Browser.role;

import io.downhill.gateway.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A participant's page (/workshop/join.html) as a test drives it. */
final class ParticipantPage {
  final Browser browser;
  private final String base;

  ParticipantPage(Browser browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  ParticipantPage open() {
    browser.driver.get(base + "/workshop/join.html");
    browser.await("the join form", d -> browser.shown("#join-form"));
    return this;
  }

  /** Types a code and a name and presses Join, without waiting for the outcome. */
  void typeAndJoin(String code, String name) {
    WebElement form = browser.find("#join-form");
    WebElement codeInput = form.findElement(By.name("code"));
    codeInput.clear();
    codeInput.sendKeys(code);
    WebElement nameInput = form.findElement(By.name("name"));
    nameInput.clear();
    nameInput.sendKeys(name);
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Joins and waits until the own session is shown and live. */
  void join(String code, String name) {
    typeAndJoin(code, name);
    awaitReady();
  }

  void awaitReady() {
    browser.await(
        "the session", d -> "ready".equals(browser.find("body").getDomAttribute("data-session")));
    browser.await(
        "the WebSocket",
        d -> "open".equals(browser.find("#connection").getDomAttribute("data-state")));
  }

  String joinError() {
    return browser.await(
        "the join error",
        d -> {
          WebElement error = role(browser.find("#join-form"), "join-error");
          return error.isDisplayed() ? error.getText() : null;
        });
  }

  WebElement descent() {
    return browser.find("#descent");
  }

  void step() {
    role(descent(), "step-btn").click();
  }

  void run(int steps) {
    WebElement count = role(descent(), "count");
    count.clear();
    count.sendKeys(Integer.toString(steps));
    role(descent(), "run-btn").click();
  }

  /** The session's status as the badge says it (the badge shows it in capitals). */
  String status() {
    return role(descent(), "status").getDomAttribute("data-status");
  }

  long shownStep() {
    return Long.parseLong(role(descent(), "step").getText().replace("\u2009", ""));
  }

  /** The parameter values of the own session, as the table shows them. */
  List<String> params() {
    return role(descent(), "params")
        .findElements(By.cssSelector("tbody td[data-role=value]"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  WebElement spotlight() {
    return browser.find("#spotlight");
  }

  int spotlightPoints() {
    String points = role(spotlight(), "spot-chart").getDomAttribute("data-points");
    return points == null ? 0 : Integer.parseInt(points);
  }

  String roomNote() {
    WebElement note = role(browser.find("#lesson"), "room-note");
    return note.isDisplayed() ? note.getText() : "";
  }
}
