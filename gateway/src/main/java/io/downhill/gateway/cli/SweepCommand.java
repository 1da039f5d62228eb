package io.downhill.gateway.cli;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.batch.BatchStep;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.batch.VariantOutcome;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar downhill.jar sweep …}: trains the variants of a learning-rate sweep in lock-step
 * without a server, shows progress on a terminal, and prints one row per variant.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    version = "Downhill 0.1.0",
    sortOptions = false,
    description = "Trains a learning-rate sweep in lock-step, without a server.")
public final class SweepCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Spec CommandSpec spec;

  @Mixin Flags flags = new Flags();

  /** The flags as given; {@link SweepArguments#parse} checks them. */
  static final class Flags {
    @Option(names = "--preset", paramLabel = "NAME", description = "notebook (default) or relu")
    String preset;

    @Option(
        names = "--lr",
        paramLabel = "RATES",
        description = "FROM:TO:COUNT[:log|linear] (default ${DEFAULT-VALUE}) or a list 0.001,0.01")
    String lr = "1e-4:1:13:log";

    @Option(
        names = "--steps",
        paramLabel = "N",
        description = "steps per variant (default ${DEFAULT-VALUE})")
    String steps = "1000";

    @Option(
        names = "--target",
        paramLabel = "LOSS",
        description = "report the step at which each loss first falls below LOSS")
    String target;

    @Option(names = "--loss", paramLabel = "mae|mse", description = "override the preset's loss")
    String loss;

    @Option(names = "--seed", paramLabel = "N", description = "override the preset's seed")
    String seed;

    @Option(
        names = "--accumulate",
        paramLabel = "on|off",
        description = "the lesson's gradient accumulation (default: the preset's)")
    String accumulate;

    @Option(
        names = "--format",
        paramLabel = "table|csv|json",
        description = "output (default ${DEFAULT-VALUE})")
    String format = "table";

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;
  }

  public SweepCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command on its own; returns the exit status (2 for bad arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new CommandLine(new SweepCommand(out, err))
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  @Override
  public Integer call() {
    SweepArguments arguments;
    try {
      arguments = SweepArguments.parse(flags);
      for (TrainingSpec variant : arguments.variants()) {
        List<FieldError> errors = variant.validate(SpecLimits.defaults());
        if (!errors.isEmpty()) {
          throw new IllegalArgumentException(errors.get(0).field() + " " + errors.get(0).message());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<SweepResult> results = train(arguments, err);
    SweepReport.print(results, arguments, out);
    return 0;
  }

  private static List<SweepResult> train(SweepArguments arguments, PrintStream err) {
    List<TrainingSpec> variants = arguments.variants();
    int k = variants.size();
    long[] firstBelow = new long[k];
    java.util.Arrays.fill(firstBelow, -1);
    ProgressBar progress =
        new ProgressBar(err, arguments.steps(), !arguments.quiet() && System.console() != null);
    try (NDManager manager = NDManager.newBaseManager();
        BatchTrainer batch = new BatchTrainer(variants, Double.NaN, manager)) {
      for (long step = 1; step <= arguments.steps() && batch.anyActive(); step++) {
        BatchStep result = batch.step();
        for (int i = 0; i < k; i++) {
          if (result.stepped()[i] && firstBelow[i] < 0 && result.losses()[i] < arguments.target()) {
            firstBelow[i] = step;
          }
        }
        progress.update(step);
      }
      progress.done();
      List<SweepResult> results = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        results.add(
            new SweepResult(
                variants.get(i).learningRate(),
                batch.lastLoss(i),
                batch.bestLoss(i),
                firstBelow[i],
                batch.outcome(i) == VariantOutcome.DIVERGED,
                batch.stepsTaken(i)));
      }
      return results;
    }
  }
}
