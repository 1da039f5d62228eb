package io.downhill.example;

import com.typesafe.config.Config;
import io.downhill.ClusterNode;
import io.downhill.Downhill;
import io.downhill.client.DownhillClient;
import io.downhill.client.DownhillSettings;
import io.downhill.engine.TensorEngine;
import io.downhill.numerics.training.Presets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@code java -jar examples/embedded/target/embedded.jar [--join HOST:PORT,…]}: an application that
 * starts its own actor system, embeds Downhill's entities in it and searches eight learning rates
 * on the notebook preset by successive halving, then prints each rung and the winner. With {@code
 * --join} it becomes a node of a running Downhill cluster: its sessions are sharded over the
 * cluster (the server's {@code GET /api/cluster} counts them) and kept in the cluster's journal.
 */
public final class EmbeddedSearch {
  static final List<Double> RATES = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1);

  static final String USAGE =
      "usage: java -jar embedded.jar [--join HOST:PORT,...] [--cluster-host H] [--cluster-port N]\n"
          + "                            [--data DIR | --db-url URL] [--rates R,R,...]\n"
          + "                            [--steps N] [--steps-per-second N]\n"
          + "  --join HOST:PORT,...  join the Downhill cluster of these seed nodes (default: alone,\n"
          + "                        with the journal in memory)\n"
          + "  --cluster-host H      the address the cluster reaches this node at (127.0.0.1)\n"
          + "  --cluster-port N      this node's cluster port (default: a free one)\n"
          + "  --data DIR            the cluster's journal is the server's --data folder (default\n"
          + "                        ./downhill-data when joining)\n"
          + "  --db-url URL          the cluster's journal is this database (jdbc:postgresql:...)\n"
          + "  --rates R,R,...       the learning rates to search (default eight from 1e-4 to 0.3)\n"
          + "  --steps N             the first rung's steps; each rung doubles them (default 20)\n"
          + "  --steps-per-second N  pace the runs so people can watch them (default 0: flat out)";

  private EmbeddedSearch() {}

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("embedded: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (arguments == null) {
      System.out.println(USAGE);
      return;
    }
    Config config = arguments.node().config();
    // The application decides DJL's settings, before anything touches DJL.
    TensorEngine.configure(config);
    ActorSystem<Void> system = arguments.node().start(config, Duration.ofSeconds(30));
    try {
      Downhill.prepareJournal(system).toCompletableFuture().join();
      DownhillClient client = Downhill.start(system, DownhillSettings.from(config));
      System.out.printf(
          "successive halving over %d learning rates on the notebook preset (the lesson's"
              + " never-zeroed gradient, so losses swing), node %s%n",
          arguments.rates().size(), io.downhill.cluster.Nodes.self(system));
      SearchResult result =
          new SuccessiveHalving(
                  client, Presets.notebook(), arguments.stepsPerSecond(), System.out::println)
              .search(arguments.rates(), arguments.steps());
      SearchTable.print(result, System.out);
    } finally {
      // Leaves the cluster gracefully: its shards move to the other nodes.
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /** The command line, parsed; null from {@link #parse} means {@code --help}. */
  record Arguments(ExampleNode node, List<Double> rates, long steps, double stepsPerSecond) {
    static Arguments parse(String[] args) {
      ClusterNode cluster = ClusterNode.defaults();
      String journal = null;
      List<Double> rates = RATES;
      long steps = 20;
      double stepsPerSecond = 0;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--join" ->
              cluster = cluster.withSeeds(ClusterNode.parseSeeds(value(args, ++i, arg), arg));
          case "--cluster-host" -> cluster = cluster.withHost(value(args, ++i, arg));
          case "--cluster-port" ->
              cluster = cluster.withPort((int) number(value(args, ++i, arg), arg, 0, 65535));
          case "--data" -> journal = ExampleNode.dataFolder(Path.of(value(args, ++i, arg)));
          case "--db-url" -> journal = value(args, ++i, arg);
          case "--rates" -> rates = rates(value(args, ++i, arg));
          case "--steps" -> steps = number(value(args, ++i, arg), arg, 1, 100_000);
          case "--steps-per-second" ->
              stepsPerSecond = number(value(args, ++i, arg), arg, 0, 1_000_000);
          case "--help", "-h" -> {
            return null;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (!cluster.seeds().isEmpty() && journal == null) {
        journal = ExampleNode.dataFolder(Path.of("downhill-data"));
      }
      return new Arguments(new ExampleNode(cluster, journal), rates, steps, stepsPerSecond);
    }

    private static List<Double> rates(String text) {
      List<Double> rates = new ArrayList<>();
      for (String part : text.split(",")) {
        double rate;
        try {
          rate = Double.parseDouble(part.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--rates: '" + part + "' is not a number");
        }
        if (!(rate > 0) || !Double.isFinite(rate) || rates.contains(rate)) {
          throw new IllegalArgumentException("--rates must be distinct positive numbers");
        }
        rates.add(rate);
      }
      return List.copyOf(rates);
    }

    private static long number(String text, String flag, long min, long max) {
      try {
        long value = Long.parseLong(text);
        if (value < min || value > max) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            flag + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
      }
    }

    private static String value(String[] args, int index, String flag) {
      if (index >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[index];
    }
  }
}
