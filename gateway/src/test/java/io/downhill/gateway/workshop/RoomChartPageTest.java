package io.downhill.gateway.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The room's chart and roster with thirty participants (joined over the API, running at different
 * learning rates with the lesson's never-zeroed gradient): a name and loss under the pointer, a row
 * that brings its line forward, the room's median band, a best-N filter, rows that hold still while
 * the pointer is on them, a second "p01" refused, and the best participant never stuck.
 */
class RoomChartPageTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  /** A class: the room chart and roster are meant for 30 to 300. */
  static final int ROOM = 30;

  @RegisterExtension static final LiveServer server = LiveServer.start();
  static String base;
  static Browser teacher;
  static InstructorPage instructor;
  static String code;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    base = "http://localhost:" + server.port();
    teacher = browsers.open("room-teacher", 1440, 1100);
    instructor = new InstructorPage(teacher, base).open();
    code = instructor.create("A full room", "notebook", 2);
    for (int i = 1; i <= ROOM; i++) {
      HttpResponse<String> joined = join(String.format("P%02d", i));
      assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
      String session = field(joined.body(), "session");
      String token = field(joined.body(), "token");
      send("PUT", "/api/sessions/" + session + "/lr", token, "{\"lr\":" + (0.001 * i) + "}");
      send(
          "POST",
          "/api/sessions/" + session + "/run",
          token,
          "{\"count\":2000,\"stepsPerSecond\":60}");
    }
    teacher.await(
        "a line for everyone",
        d ->
            String.valueOf(ROOM)
                .equals(teacher.find("[data-role=room-chart]").getDomAttribute("data-series")));
  }

  private static HttpResponse<String> join(String name) throws Exception {
    return send(
        "POST",
        "/api/workshops/join",
        null,
        "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}");
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  private static List<String> rowOrder() {
    List<String> order = new ArrayList<>();
    for (WebElement row : teacher.findAll("#dashboard tbody tr")) {
      order.add(row.getDomAttribute("data-session"));
    }
    return order;
  }

  @Test
  void aNameSomeoneHasIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> twice = join(" p01 ");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.body()).contains("\"field\":\"name\"").contains("taken");
  }

  @Test
  void pointingAtALineNamesTheParticipantAndTheirLoss() {
    WebElement chart = teacher.find("[data-role=room-chart]");
    teacher.await("a few steps of everyone", d -> rowOrder().size() == ROOM);
    teacher.script("arguments[0].scrollIntoView()", chart);
    // Down the middle of the chart, a few pixels at a time, until the pointer is on a line.
    @SuppressWarnings("unchecked")
    Map<String, String> found =
        teacher.await(
            "a line under the pointer",
            d ->
                (Map<String, String>)
                    teacher.script(
                        "const over = arguments[0].querySelector('.u-over');"
                            + "const box = over.getBoundingClientRect();"
                            + "for (let y = box.top + 2; y < box.bottom; y += 3) {"
                            + "  over.dispatchEvent(new MouseEvent('mousemove', {clientX: box.left"
                            + "   + box.width * 0.6, clientY: y, bubbles: true}));"
                            + "  const name = arguments[0].dataset.hover;"
                            + "  if (name) return {name, tip: over.querySelector('.ws-tip').textContent}; }"
                            + "return null;",
                        chart));
    assertThat(found.get("name")).matches("P\\d\\d");
    assertThat(found.get("tip")).startsWith(found.get("name") + " · loss ").contains("at step");
    teacher.screenshotViewport("workshop-room-01-hover");
  }

  @Test
  void aRowUnderThePointerBringsItsLineForwardAndHoldsTheOrder() throws Exception {
    teacher.find("#dashboard th[data-sort=loss] button").click();
    WebElement row = instructor.row("P05");
    new Actions(teacher.driver).moveToElement(row).perform();
    WebElement table = teacher.find("#dashboard table");
    teacher.await(
        "P05's line forward",
        d -> row.getDomAttribute("data-session").equals(table.getDomAttribute("data-highlighted")));
    assertThat(table.getDomAttribute("data-order-held")).isEqualTo("true");
    List<String> before = rowOrder();
    // Longer than the order's own pace (5 s): only the pointer holds it now.
    await("rows holding still under the pointer")
        .during(Duration.ofMillis(6500))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> rowOrder().equals(before));
    new Actions(teacher.driver).moveToElement(teacher.find("#dash-title")).perform();
    teacher.await(
        "the order free again", d -> "false".equals(table.getDomAttribute("data-order-held")));
  }

  @Test
  void theRoomsMedianBandAndABestFewFilter() {
    WebElement chart = teacher.find("[data-role=room-chart]");
    teacher.await("the band", d -> Integer.parseInt(chart.getDomAttribute("data-band-steps")) > 1);
    new Select(instructor.control("line-filter")).selectByValue("best");
    WebElement n = instructor.control("line-count");
    n.clear();
    n.sendKeys("3");
    teacher.await("three lines", d -> "3".equals(chart.getDomAttribute("data-series")));
    assertThat(teacher.findAll("#dashboard tbody tr[data-line=shown]")).hasSize(3);
    teacher.screenshotPage("workshop-room-02-best-three");
    new Select(instructor.control("line-filter")).selectByValue("all");
    teacher.await(
        "every line", d -> String.valueOf(ROOM).equals(chart.getDomAttribute("data-series")));
  }

  @Test
  void theBestParticipantIsNeverFlaggedStuck() {
    // Sampled every half second for 8 s while everyone swings (the lesson's never-zeroed loop).
    await("the lowest loss never flagged stuck")
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(12))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                !"stuck"
                    .equals(
                        teacher.script(
                            "let best = null, low = Infinity;"
                                + "for (const r of document.querySelectorAll('#dashboard tbody"
                                + " tr')) {"
                                + "  const v ="
                                + " parseFloat(r.querySelector('[data-role=loss]').textContent);"
                                + "  if (v < low) { low = v; best = r; } }"
                                + "return best ? best.dataset.flag : 'none';")));
    teacher.screenshotPage("workshop-room-03-roster");
    assertThat(teacher.scriptErrors()).isEmpty();
  }
}
