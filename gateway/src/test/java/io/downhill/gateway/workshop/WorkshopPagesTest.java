package io.downhill.gateway.workshop;

import static io.downhill.gateway.Browser.role;
import static io.downhill.gateway.workshop.InstructorPage.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.LiveServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * A workshop in three real browsers against a real server on a free port: an instructor and two
 * participants, each in a Chromium of their own (separate storage and sockets), doing what a room
 * does. Screenshots go to {@code gateway/target/screenshots/workshop-*.png}.
 */
class WorkshopPagesTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  @RegisterExtension static final LiveServer server = LiveServer.start();
  static Browser teacher;
  static Browser ada;
  static Browser eve;

  @BeforeAll
  static void start() throws IOException {
    teacher = browsers.open("instructor", 1440, 1000);
    ada = browsers.open("ada", 1280, 900);
    eve = browsers.open("eve", 1280, 900);
  }

  private static List<Browser> people() {
    List<Browser> all = new ArrayList<>();
    for (Browser browser : new Browser[] {teacher, ada, eve}) {
      if (browser != null) {
        all.add(browser);
      }
    }
    return all;
  }

  private static int points(Browser browser, String css) {
    String points = browser.find(css).getDomAttribute("data-points");
    return points == null ? 0 : Integer.parseInt(points);
  }

  @Test
  void instructorWatchesTheRoomShowsOneSessionToEveryoneAndPausesEveryone() {
    String base = "http://localhost:" + server.port();

    // The instructor opens a workshop with steps 1 and 2 open, and reads the code off the page.
    InstructorPage instructor = new InstructorPage(teacher, base).open();
    teacher.screenshotPage("workshop-01-instructor-create");
    String code = instructor.create("Gradient descent", "notebook", 2);
    assertThat(code).matches("[A-Z2-9]{5}-[A-Z2-9]{5}");

    // Both participants join: one types the code in lower case with a space, the other first
    // mistypes it and gets told so; her name is markup, which must show as text.
    ParticipantPage first = new ParticipantPage(ada, base).open();
    first.join(code.toLowerCase().replace("-", " "), "Ada");
    ParticipantPage second = new ParticipantPage(eve, base).open();
    second.typeAndJoin("AAAAA-AAAAA", "<b>Eve</b>");
    assertThat(second.joinError()).contains("does not work");
    eve.screenshotPage("workshop-02-participant-wrong-code");
    second.join(code, "<b>Eve</b>");
    assertThat(eve.find("[data-role=me]").getText()).isEqualTo("You: <b>Eve</b>");

    // Both appear on the dashboard, names as typed.
    WebElement adaRow = instructor.row("Ada");
    WebElement eveRow = instructor.row("<b>Eve</b>");
    assertThat(instructor.rows()).isEqualTo(2);
    assertThat(teacher.findAll("#dashboard tbody b")).isEmpty();
    teacher.await(
        "a line per participant",
        d -> "2".equals(teacher.find("[data-role=room-chart]").getDomAttribute("data-series")));

    // Ada steps, then runs; her row follows live.
    first.step();
    teacher.await("Ada's first step in the table", d -> cell(adaRow, "steps").equals("1"));
    String lossAfterOneStep = cell(adaRow, "loss");
    first.run(60);
    teacher.await(
        "Ada's row to count her running steps",
        d -> {
          long steps = Long.parseLong(cell(adaRow, "steps").replace("\u2009", ""));
          return steps > 1 && steps < 61 ? steps : null;
        });
    teacher.await("Ada's run to finish in the table", d -> cell(adaRow, "steps").equals("61"));
    teacher.await(
        "Ada idle again", d -> "idle".equals(adaRow.getDomAttribute("data-session-status")));
    assertThat(cell(adaRow, "loss")).isNotEqualTo(lossAfterOneStep).matches("[0-9.]+");
    assertThat(cell(adaRow, "lr")).isEqualTo("0.01");
    assertThat(cell(eveRow, "steps")).isEqualTo("0");

    // The instructor watches Ada and shows her session to everyone.
    instructor.watch("Ada");
    teacher.await(
        "Ada's curve in the detail panel",
        d -> points(teacher, "#detail [data-role=detail-chart]") == 61);
    instructor.showWatchedToEveryone();
    teacher.await(
        "the spotlight mark in Ada's row", d -> cell(adaRow, "shown").contains("everyone"));
    teacher.screenshotPage("workshop-03-instructor-dashboard");

    // Eve sees it, with Ada's whole curve, and forks it into her own session.
    eve.await("the shown session", d -> second.spotlight().isDisplayed());
    eve.await("Ada's curve on Eve's screen", d -> second.spotlightPoints() == 61);
    List<String> adaParams = first.params();
    assertThat(second.params()).isNotEqualTo(adaParams);
    role(second.spotlight(), "fork").click();
    eve.await("Ada's parameters in Eve's session", d -> second.params().equals(adaParams));
    assertThat(second.roomNote()).contains("Forked");
    eve.screenshotPage("workshop-04-participant-forked");

    // Ada starts a long run; "Pause everyone" stops it.
    first.run(100_000);
    teacher.await(
        "Ada running", d -> "running".equals(adaRow.getDomAttribute("data-session-status")));
    instructor.control("pause-all").click();
    ada.await("Ada's run to pause", d -> first.status().equals("idle"));
    ada.await("the word from the instructor", d -> first.roomNote().contains("paused everyone"));
    teacher.await(
        "Ada idle in the table", d -> "idle".equals(adaRow.getDomAttribute("data-session-status")));
    assertThat(first.shownStep()).isBetween(62L, 100_060L);
    ada.screenshotPage("workshop-05-participant-paused");

    // The next lesson step opens on the participants' pages.
    // The notebook's order: its own loop comes third, the ReLUs last.
    assertThat(ada.shown("#loop")).isFalse();
    instructor.control("open-next").click();
    ada.await("step 3, the lesson's loop, to open for Ada", d -> ada.shown("#loop"));
    assertThat(ada.shown("#relu")).as("ReLUs stay for step 4").isFalse();

    // On a projector: full HD, large type; the code must still fit.
    teacher.driver.manage().window().setSize(new Dimension(1920, 1080));
    teacher.find("#large-type").click();
    teacher.script("scrollTo(0, 0)");
    teacher.await(
        "large type",
        d ->
            (Boolean)
                teacher.script("return document.documentElement.classList.contains('large')"));
    teacher.screenshotViewport("workshop-06-instructor-projector");
    WebElement codeNode = role(teacher.find("#join-panel"), "code");
    assertThat(
            (Boolean)
                teacher.script(
                    "return arguments[0].scrollWidth <= arguments[0].clientWidth", codeNode))
        .as("the code fits its panel")
        .isTrue();

    // One more hour: the end the page shows moves on.
    String ends = instructor.control("ends").getText();
    assertThat(ends).contains("closes by itself at");
    instructor.control("extend").click();
    teacher.await(
        "the later end", d -> !instructor.control("ends").getText().equals(ends) ? true : null);

    // The instructor removes Ada: her row goes, and her session with it.
    teacher.driver.manage().window().setSize(new Dimension(1440, 1000));
    instructor.watch("Ada");
    instructor.confirm("detail-remove");
    teacher.await("Ada gone from the table", d -> instructor.rows() == 1 ? true : null);
    assertThat(teacher.shown("#detail")).isFalse();
    ada.await("word of the removal on Ada's page", d -> ada.shown("#ended") ? true : null);
    assertThat(ada.find("#ended").getText()).contains("removed you");

    // Closing the workshop ends it on every screen.
    instructor.confirm("close-workshop");
    eve.await("the end of the workshop", d -> eve.shown("#ended"));
    assertThat(eve.find("#ended").getText()).contains("ended");
    assertThat(role(second.descent(), "step-btn").isEnabled()).isFalse();
    eve.screenshotPage("workshop-07-participant-ended");
    teacher.await(
        "the instructor's page to close",
        d -> "closed".equals(teacher.find("body").getDomAttribute("data-workshop")));

    for (Browser browser : people()) {
      assertThat(browser.scriptErrors()).as(browser.who + "'s console").isEmpty();
    }
  }
}
