package io.downhill.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.access.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The display-name rule, on its own: what a room may show as a participant's name. */
class AdmissionNameTest {
  private static final int MAX = 40;

  private static Refused refusal(String name) {
    return Admission.nameRefusal(name, MAX);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Ada",
        "Zoë",
        "José María",
        "李小龙",
        "مريم",
        "עדה",
        "Ada 🏔",
        "👍🏽",
        "🇫🇷",
        "e\u0301cole",
        "<b>Ada</b>",
        "Robert'); DROP TABLE--",
        "  Ada  "
      })
  void ordinaryNamesInAnyScriptArePermitted(String name) {
    assertThat(refusal(name)).isNull();
  }

  @Test
  void lengthCountsCodePointsSoFortyEmojiFit() {
    String forty = "😀".repeat(40);
    assertThat(forty.length()).isEqualTo(80);
    assertThat(refusal(forty)).isNull();
    assertThat(refusal("😀".repeat(41)).field()).isEqualTo("name");
    assertThat(refusal("x".repeat(40))).isNull();
    assertThat(refusal("x".repeat(41)).message()).contains("1 to 40");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {
        "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069", "200E", "200F",
        "061C", "200B", "200D", "FEFF", "00AD", "2028", "2029", "0000", "0007", "001B", "007F",
        "0085", "0378", "D800", "DC00"
      })
  void controlFormatBidiSurrogateAndUnassignedCharactersAreRefused(String hex) {
    String character = new String(Character.toChars(Integer.parseInt(hex, 16)));
    Refused refused = refusal("Ada" + character + "Lovelace");
    assertThat(refused).isNotNull();
    assertThat(refused.field()).isEqualTo("name");
    assertThat(refused.message()).contains("U+" + hex);
  }

  @ParameterizedTest(name = "{index}")
  @ValueSource(
      strings = {"\u00a0", "\u3000\u00a0", "\u2800", "\u3164", "\u0301\u0302", "\u20dd", "\u115f"})
  void namesWithNoVisibleCharacterAreRefused(String name) {
    Refused refused = refusal(name);
    assertThat(refused).isNotNull();
    assertThat(refused.field()).isEqualTo("name");
  }

  @Test
  void emptyBlankAndMissingNamesAreRefused() {
    assertThat(refusal("").field()).isEqualTo("name");
    assertThat(refusal("   \t ").field()).isEqualTo("name");
    assertThat(refusal(null).field()).isEqualTo("name");
  }

  @Test
  void namesThatDifferOnlyInCaseWidthOrSpacingAreOneName() {
    String bob = Admission.nameKey("Bob Smith");
    assertThat(Admission.nameKey("  bob   SMITH ")).isEqualTo(bob);
    assertThat(Admission.nameKey("\uff22\uff4f\uff42 Smith")).isEqualTo(bob);
    assertThat(Admission.nameKey("Bob Smith.")).isNotEqualTo(bob);
    assertThat(Admission.nameKey("Zoe\u0308")).isEqualTo(Admission.nameKey("Zo\u00eb"));
  }
}
