package io.downhill.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The headless sweep command: its three output formats and its refusals. */
class SweepCommandTest {

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SweepCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void tableHasARowPerLearningRate() {
    Run run =
        run("--preset", "notebook", "--lr", "1e-4:1:13:log", "--steps", "200", "--target", "3");
    assertThat(run.status()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(14);
    assertThat(lines[0])
        .contains("lr")
        .contains("final loss")
        .contains("best loss")
        .contains("below 3")
        .contains("diverged");
    assertThat(lines[1]).contains("0.0001000");
    assertThat(lines[13]).contains("1.000");
  }

  @Test
  void csvIsMachineReadableAndMarksDivergence() {
    Run run =
        run(
            "--lr",
            "0.01,1000000",
            "--loss",
            "mse",
            "--accumulate",
            "off",
            "--steps",
            "300",
            "--format",
            "csv");
    assertThat(run.status()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo("lr,final_loss,best_loss,step_below_target,diverged,steps");
    assertThat(lines[1]).startsWith("0.01,").endsWith(",false,300");
    assertThat(lines[2]).startsWith("1000000.0,").contains(",true,");
    assertThat(run.out()).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void jsonListsEveryVariant() {
    Run run =
        run("--lr", "0.001:0.1:3:log", "--steps", "50", "--target", "4.3", "--format", "json");
    assertThat(run.status()).isZero();
    JsonArray rows = new JsonArray(run.out().strip());
    assertThat(rows).hasSize(3);
    assertThat(rows.getJsonObject(0).getDouble("lr")).isEqualTo(0.001);
    assertThat(rows.getJsonObject(2).getLong("stepBelowTarget")).isPositive();
    assertThat(rows.getJsonObject(0).getBoolean("diverged")).isFalse();
  }

  @Test
  void badArgumentsExitNonZeroSayingWhatIsWrong() {
    assertThat(run("--lr", "1:0.1:x").err()).contains("--lr COUNT");
    assertThat(run("--lr", "1:0.1:x").status()).isEqualTo(2);
    assertThat(run("--steps", "-5").err()).contains("--steps");
    assertThat(run("--format", "xml").err()).contains("--format");
    assertThat(run("--preset", "nope").err()).contains("--preset");
    assertThat(run("--loss", "hinge").status()).isEqualTo(2);
    assertThat(run("--lr", "0,1").err()).contains("above 0");
    assertThat(run("--frobnicate").err()).containsIgnoringCase("unknown option");
  }

  @Test
  void helpListsTheFlags() {
    Run run = run("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("Usage: sweep")
        .contains("--lr")
        .contains("1e-4:1:13:log")
        .contains("--format");
  }
}
