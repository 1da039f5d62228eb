package io.downhill.gateway.workshop;

import static io.downhill.gateway.Browser.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.Browser;
import io.downhill.gateway.Browsers;
import io.downhill.gateway.DownhillServer;
import io.downhill.gateway.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The join panel a room reads from the projector: an address the room can reach (the public URL,
 * else the machine's own), never localhost when another exists, and a QR code that opens the join
 * page with the code filled in.
 */
class JoinPanelPageTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  @Test
  void thePublicUrlIsShownWithAQrCodeThatFillsInTheCode() throws Exception {
    DownhillServer server =
        TestServers.start(Map.of("downhill.gateway.public-url", "http://downhill.test:8080"));
    String base = "http://localhost:" + server.port();
    try (Browser teacher = browsers.open("join-teacher", 1440, 1000);
        Browser phone = browsers.open("join-phone", 390, 844)) {
      String code = new InstructorPage(teacher, base).open().create("Join me", "notebook", 1);
      WebElement panel = teacher.find("#join-panel");
      teacher.await(
          "the public address",
          d -> role(panel, "join-url").getText().equals("downhill.test:8080/workshop/join.html"));
      assertThat(panel.getDomAttribute("data-address-source")).isEqualTo("public-url");
      assertThat(role(panel, "address-pick").isDisplayed())
          .as("one address: nothing to pick")
          .isFalse();
      WebElement qr = role(panel, "qr");
      teacher.await(
          "the QR code",
          d ->
              qr.isDisplayed()
                  && code.equals(qr.getDomAttribute("data-code"))
                  && ((Number) teacher.script("return arguments[0].naturalWidth", qr)).intValue()
                      > 0);
      Number side =
          (Number) teacher.script("return arguments[0].getBoundingClientRect().width", qr);
      assertThat(side.doubleValue()).as("a QR code a room can scan").isGreaterThan(150);
      teacher.screenshotViewport("workshop-join-panel-public-url");

      // What the QR code opens (here on this server's own address): the code is filled in, the
      // name is next, and the code leaves the address bar.
      phone.driver.get(base + "/workshop/join.html#code=" + code);
      phone.await("the join form", d -> phone.shown("#join-form"));
      WebElement form = phone.find("#join-form");
      assertThat(form.findElement(By.name("code")).getDomProperty("value")).isEqualTo(code);
      assertThat(phone.script("return document.activeElement.name")).isEqualTo("name");
      assertThat(phone.driver.getCurrentUrl()).doesNotContain("#");
      assertThat(teacher.scriptErrors()).isEmpty();
      assertThat(phone.scriptErrors()).isEmpty();
    } finally {
      server.close();
    }
  }

  @Test
  void withoutAPublicUrlTheMachinesOwnAddressIsShownNotLocalhost() throws Exception {
    DownhillServer server = TestServers.start(Map.of());
    String base = "http://localhost:" + server.port();
    try (Browser teacher = browsers.open("join-teacher-lan", 1440, 1000)) {
      new InstructorPage(teacher, base).open().create("Join me", "notebook", 1);
      WebElement panel = teacher.find("#join-panel");
      String source =
          teacher.await("the addresses", d -> panel.getDomAttribute("data-address-source"));
      String shown = role(panel, "join-url").getText();
      if (source.equals("interfaces")) {
        assertThat(shown)
            .doesNotStartWith("localhost")
            .endsWith(":" + server.port() + "/workshop/join.html");
        assertThat(role(panel, "address-note").isDisplayed()).isFalse();
      } else {
        // A machine with no network: the page says so instead of showing a useless address.
        assertThat(source).isEqualTo("none");
        assertThat(role(panel, "address-note").getText()).contains("Only this computer");
      }
      teacher.await("the QR code", d -> role(panel, "qr").isDisplayed());
      teacher.screenshotViewport("workshop-join-panel-interfaces");
      assertThat(teacher.scriptErrors()).isEmpty();
    } finally {
      server.close();
    }
  }
}
