package io.downhill.gateway.cli;

import ai.djl.ndarray.NDManager;
import io.downhill.numerics.batch.BatchStep;
import io.downhill.numerics.batch.BatchTrainer;
import io.downhill.numerics.batch.VariantOutcome;
import io.downhill.numerics.training.FieldError;
import io.downhill.numerics.training.SpecLimits;
import io.downhill.numerics.training.TrainingSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar downhill.jar sweep …}: trains the variants of a learning-rate sweep in lock-step
 * without a server, shows progress on a terminal, and prints one row per variant.
 */
public final class SweepCommand {
  private SweepCommand() {}

  /** Runs the command; returns the exit status (2 for bad arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    SweepArguments arguments;
    try {
      if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
        out.println(SweepArguments.USAGE);
        return 0;
      }
      arguments = SweepArguments.parse(args);
      for (TrainingSpec variant : arguments.variants()) {
        List<FieldError> errors = variant.validate(SpecLimits.defaults());
        if (!errors.isEmpty()) {
          throw new IllegalArgumentException(errors.get(0).field() + " " + errors.get(0).message());
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("downhill sweep: " + e.getMessage());
      err.println(SweepArguments.USAGE);
      return 2;
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
