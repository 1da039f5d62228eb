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

/**
 * The instructor opens a workshop in one browser and keeps the recovery link it shows once; a
 * second browser (another device: separate storage) opened on that link runs the same room, and the
 * token never stays in the address bar.
 */
class RecoveryLinkPageTest {
  @RegisterExtension static final Browsers browsers = new Browsers();

  @Test
  void theRecoveryLinkGivesTheRoomBackInAnotherBrowser() throws Exception {
    DownhillServer server = TestServers.start(Map.of());
    String base = "http://localhost:" + server.port();
    try (Browser laptop = browsers.open("recovery-laptop", 1280, 900);
        Browser phone = browsers.open("recovery-phone", 1280, 900)) {
      String code = new InstructorPage(laptop, base).open().create("Kept", "notebook", 1);
      laptop.await("the recovery link", d -> laptop.shown("#recovery"));
      String link = role(laptop.find("#recovery"), "recovery-link").getDomProperty("value");
      assertThat(link).startsWith(base + "/workshop/instructor.html#workshop=").contains("&token=");
      assertThat(laptop.find("#recovery").getText()).contains("Keep this link private");
      laptop.screenshotPage("workshop-recovery-link");

      phone.driver.get(link);
      phone.await(
          "the room in the other browser",
          d -> "open".equals(phone.find("body").getDomAttribute("data-workshop")));
      String shown =
          phone.await(
              "the join code",
              d -> {
                String c = role(phone.find("#join-panel"), "code").getDomAttribute("data-code");
                return c == null || c.isEmpty() ? null : c;
              });
      assertThat(shown).isEqualTo(code);
      assertThat(phone.driver.getCurrentUrl()).doesNotContain("token=");
      assertThat(phone.shown("#recovery")).isFalse();
    } finally {
      server.close();
    }
  }
}
