package io.downhill.gateway.workshop;

import static io.downhill.gateway.Browser.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * A participant on a 390 × 844 touch phone, with a name as long as the room allows: the join page
 * and the lesson fit the screen (nothing scrolls sideways, the header stays compact even in large
 * type, no keyboard hints), and step 2 and the spotlight show the model's curve over the data, the
 * spotlight saying whose session it is. Another participant joins over the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhonePageTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  static final String LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff-Ann";
  @RegisterExtension static final LiveServer server = LiveServer.start();
  static String base;
  static Browser teacher;
  static Browser phone;
  static InstructorPage instructor;
  static ParticipantPage participant;
  static String code;

  @BeforeAll
  static void start() throws Exception {
    base = "http://localhost:" + server.port();
    teacher = browsers.open("phone-teacher", 1440, 1000);
    phone = browsers.openPhone("phone", 390, 844);
    instructor = new InstructorPage(teacher, base).open();
    code = instructor.create("On a phone", "notebook", 2);
    participant = new ParticipantPage(phone, base);
  }

  private static double headerHeight() {
    return ((Number)
            phone.script(
                "return document.querySelector('header.top').getBoundingClientRect().height"))
        .doubleValue();
  }

  /** Joins over the API and steps a few times: someone else in the room. */
  private static String joinAndStep(String name, int steps) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String joined =
        post(
            http,
            "/api/workshops/join",
            null,
            "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}");
    String session = field(joined, "session");
    String token = field(joined, "token");
    post(http, "/api/sessions/" + session + "/steps", token, "{\"count\":" + steps + "}");
    return session;
  }

  private static String post(HttpClient http, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return response.body();
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  @Test
  @Order(1)
  void theJoinPageFitsAPhone() {
    participant.open();
    assertThat((Boolean) phone.script("return matchMedia('(hover: none)').matches"))
        .as("a touch screen")
        .isTrue();
    assertThat(phone.scrollsSideways()).isFalse();
    assertThat(headerHeight()).isLessThan(130);
    phone.screenshotPage("workshop-phone-01-join");
  }

  @Test
  @Order(2)
  void aLongNameWrapsAndTheCompactHeaderLeavesRoomForTheLesson() {
    assertThat(LONG_NAME.codePointCount(0, LONG_NAME.length())).isLessThanOrEqualTo(40);
    participant.join(code, LONG_NAME);
    assertThat(phone.find("[data-role=me]").getText()).isEqualTo("You: " + LONG_NAME);
    assertThat(phone.scrollsSideways()).as("the page stays 390 px wide").isFalse();
    assertThat(headerHeight()).isLessThan(170);
    phone.screenshotViewport("workshop-phone-02-lesson");

    phone.find("#large-type").click();
    phone.await(
        "large type",
        d -> (Boolean) phone.script("return document.documentElement.classList.contains('large')"));
    assertThat(headerHeight())
        .as("large type is for projectors, not the phone's header")
        .isLessThan(170);
    assertThat(phone.scrollsSideways()).isFalse();
    phone.screenshotViewport("workshop-phone-03-large-type");
    phone.find("#large-type").click();
  }

  @Test
  @Order(3)
  void aTouchScreenShowsNoKeyboardHints() {
    WebElement hint = phone.find("#hand .key-hint");
    assertThat(hint.isDisplayed()).isFalse();
  }

  @Test
  @Order(4)
  void stepTwoShowsTheModelsCurveOverTheData() {
    participant.step();
    WebElement fit = role(participant.descent(), "descent-fit");
    phone.await(
        "the curve after a step",
        d -> fit.getDomAttribute("data-curve-params") != null && participant.shownStep() == 1);
    phone.await("the data", d -> fit.getDomAttribute("data-data-points") != null);
    assertThat(Integer.parseInt(fit.getDomAttribute("data-data-points"))).isPositive();
    assertThat(fit.findElements(org.openqa.selenium.By.tagName("canvas"))).isNotEmpty();
    assertThat(phone.scrollsSideways()).isFalse();
    phone.script("arguments[0].scrollIntoView()", participant.descent());
    phone.screenshotPage("workshop-phone-04-step-two");
  }

  @Test
  @Order(5)
  void theSpotlightNamesWhoseSessionItIsAndShowsItsFit() throws Exception {
    joinAndStep("Ada", 5);
    instructor.watch("Ada");
    instructor.showWatchedToEveryone();
    WebElement spot = participant.spotlight();
    phone.await("the spotlight", d -> spot.isDisplayed());
    phone.await(
        "whose session", d -> role(spot, "spot-who").getText().equals("Ada\u2019s session"));
    WebElement fit = role(spot, "spot-fit");
    phone.await(
        "Ada's curve over the data",
        d ->
            fit.getDomAttribute("data-curve-params") != null
                && fit.getDomAttribute("data-data-points") != null);
    assertThat(phone.scrollsSideways()).isFalse();
    phone.script("arguments[0].scrollIntoView()", spot);
    phone.screenshotViewport("workshop-phone-05-spotlight");
    assertThat(phone.scriptErrors()).isEmpty();
    assertThat(teacher.scriptErrors()).isEmpty();
  }
}
