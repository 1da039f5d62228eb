package io.downhill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON body must be valid UTF-8: other bytes are refused, never silently replaced. */
class Utf8BodyTest {
  @RegisterExtension static final LiveServer server = LiveServer.start();

  /** {"title":"<bytes>"} with {@code hex} as the raw bytes of the title. */
  private static byte[] titleWithBytes(String hex) {
    byte[] start = "{\"title\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] middle = HexFormat.of().parseHex(hex);
    byte[] end = "\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[start.length + middle.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(middle, 0, all, start.length, middle.length);
    System.arraycopy(end, 0, all, start.length + middle.length, end.length);
    return all;
  }

  @ParameterizedTest(name = "bytes {0}")
  @ValueSource(
      strings = {
        "ff", // never in UTF-8
        "c0af", // an overlong '/'
        "eda080", // a lone surrogate, as CESU-8 writes it
        "e282", // a truncated euro sign
        "41e9", // Latin-1 'é'
        "f4908080" // beyond U+10FFFF
      })
  void aBodyThatIsNotUtf8Is400OnBody(String hex) throws Exception {
    for (String path : new String[] {"/api/workshops", "/api/sessions", "/api/sweeps"}) {
      RawHttp.Response response =
          RawHttp.request(server.port(), "POST", path, "localhost", titleWithBytes(hex));
      assertThat(response.status()).as(path).isEqualTo(400);
      JsonObject error = new JsonObject(response.body());
      assertThat(error.getString("field")).isEqualTo("body");
      assertThat(error.getString("error")).contains("not valid UTF-8");
    }
  }

  @Test
  void validUtf8IsKeptExactly() throws Exception {
    String title = "Descente — 下り坂 🏔";
    RawHttp.Response response =
        RawHttp.request(
            server.port(),
            "POST",
            "/api/workshops",
            "localhost",
            new JsonObject().put("title", title).encode().getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).isEqualTo(201);
    assertThat(new JsonObject(response.body()).getString("title")).isEqualTo(title);
  }
}
