package io.downhill.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.ClusterNode;
import io.downhill.engine.NativeAllocator;
import io.downhill.engine.TensorEngine;
import io.downhill.gateway.cli.SweepCommand;
import io.downhill.gateway.http.TlsSettings;
import io.downhill.gateway.join.PublicUrl;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar downhill.jar [flags]}: starts the server and prints the URL it listens on;
 * {@code java -jar downhill.jar sweep …} runs a sweep without one. Picocli reads the flags; {@link
 * #arguments()} checks them together with the environment, each refusal naming its flag.
 */
@Command(
    name = "downhill",
    mixinStandardHelpOptions = true,
    version = "Downhill 0.1.0",
    sortOptions = false,
    description = "Starts the Downhill server and prints the URL it listens on.")
final class ServerCommand implements Callable<Integer> {
  /** What {@link #call()} returns once the server is starting: the process keeps running. */
  static final int SERVING = -1;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "listen on port N (0 picks a free one; default 8080 or $DOWNHILL_PORT)")
  String port;

  @Option(
      names = "--device",
      paramLabel = "D",
      description = "where tensors live: auto (CUDA, else Apple MPS, else CPU), cpu, gpu, mps")
  String device = "auto";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "keep sessions, sweeps and workshops in an embedded database in DIR"
              + " (default ./downhill-data or $DOWNHILL_DATA)")
  String data;

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      description =
          "keep them in PostgreSQL: jdbc:postgresql://HOST:PORT/DB, with $DOWNHILL_DB_USER and"
              + " $DOWNHILL_DB_PASSWORD")
  String dbUrl;

  @Option(
      names = "--in-memory",
      description = "keep nothing: everything is gone when the server stops")
  boolean inMemory;

  @Option(
      names = "--cluster-host",
      paramLabel = "H",
      description = "the address other nodes reach this one at (127.0.0.1)")
  String clusterHost;

  @Option(
      names = "--cluster-port",
      paramLabel = "N",
      description = "the cluster port (25520; 0 picks a free one)")
  String clusterPort;

  @Option(
      names = "--seed-nodes",
      paramLabel = "H:P,...",
      description = "join the cluster of these nodes (default: form one alone)")
  String seedNodes;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "serve HTTPS and WSS with this PEM certificate (chain) (or $DOWNHILL_TLS_CERT)")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "and this PEM private key; both or neither (or $DOWNHILL_TLS_KEY)")
  String tlsKey;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "the address participants open, e.g. http://192.168.1.20:8080 (or"
              + " $DOWNHILL_PUBLIC_URL); default: this machine's addresses")
  String publicUrl;

  ServerCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The command line with its {@code sweep} subcommand, as {@code main} runs it. */
  static CommandLine commandLine(Map<String, String> env) {
    // A flag given twice takes its last value, so a script's defaults can be overridden.
    return new CommandLine(new ServerCommand(env))
        .setOverwrittenOptionsAllowed(true)
        .addSubcommand("sweep", new SweepCommand(System.out, System.err));
  }

  /** The flags read, not yet checked; a flag picocli cannot read is refused naming it. */
  static ServerCommand read(String[] args, Map<String, String> env) {
    ServerCommand command = new ServerCommand(env);
    try {
      new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return command;
  }

  @Override
  public Integer call() {
    ServerArguments arguments;
    try {
      arguments = arguments();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    serve(arguments);
    return SERVING;
  }

  /** The flags and the environment, checked together. */
  ServerArguments arguments() {
    Integer listenOn = null;
    String portFromEnv = env.get("DOWNHILL_PORT");
    if (portFromEnv != null && !portFromEnv.isBlank()) {
      listenOn = parsePort(portFromEnv.trim(), "DOWNHILL_PORT");
    }
    if (port != null) {
      listenOn = parsePort(port, "--port");
    }
    TensorEngine.DeviceChoice choice = TensorEngine.DeviceChoice.parse(device);
    if (choice == null) {
      throw new IllegalArgumentException(
          "--device must be auto, cpu, gpu or mps, not '" + device + "'");
    }
    if (dbUrl != null) {
      Journal.atUrl(dbUrl, true); // refuses a URL of another kind now, not at start
    }
    if (inMemory && dbUrl != null) {
      throw new IllegalArgumentException("--in-memory and --db-url exclude each other");
    }
    ClusterNode cluster = ClusterNode.defaults();
    if (clusterHost != null) {
      cluster = cluster.withHost(clusterHost);
    }
    if (clusterPort != null) {
      cluster = cluster.withPort(parsePort(clusterPort, "--cluster-port"));
    }
    if (seedNodes != null) {
      cluster = cluster.withSeeds(ClusterNode.parseSeeds(seedNodes, "--seed-nodes"));
    }
    if (tlsCert != null && tlsKey == null) {
      throw new IllegalArgumentException("--tls-cert needs --tls-key too");
    }
    if (tlsKey != null && tlsCert == null) {
      throw new IllegalArgumentException("--tls-key needs --tls-cert too");
    }
    String url = null;
    String urlFromEnv = env.get("DOWNHILL_PUBLIC_URL");
    if (urlFromEnv != null && !urlFromEnv.isBlank()) {
      url = PublicUrl.parse(urlFromEnv, "DOWNHILL_PUBLIC_URL");
    }
    if (publicUrl != null) {
      url = PublicUrl.parse(publicUrl, "--public-url");
    }
    return new ServerArguments(
        listenOn,
        choice,
        data != null ? data : env.getOrDefault("DOWNHILL_DATA", "downhill-data"),
        dbUrl,
        inMemory,
        cluster,
        tlsCert == null ? null : readable(tlsCert, "--tls-cert"),
        tlsKey == null ? null : readable(tlsKey, "--tls-key"),
        url);
  }

  private static void serve(ServerArguments arguments) {
    // A node that the split brain resolver downs must leave the cluster, so the process exits.
    Config config =
        ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on")
            .withFallback(ConfigFactory.load());
    int port = arguments.port() != null ? arguments.port() : config.getInt("downhill.gateway.port");
    String allocator = NativeAllocator.current();
    DownhillServer.start(arguments.over(config), arguments.journal(), port, arguments.device())
        .onSuccess(
            server -> {
              System.out.println(
                  "Downhill listening on "
                      + server.scheme()
                      + "://localhost:"
                      + server.port()
                      + "/ (device "
                      + server.device()
                      + ", node "
                      + io.downhill.cluster.Nodes.self(server.system())
                      + ", "
                      + arguments.journalDescription()
                      + ", native allocator "
                      + allocator
                      + ")");
              if (allocator.equals("libc")) {
                System.out.println(
                    "For more steps per second on several cores, start it with jemalloc preloaded:"
                        + " LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 (Debian package"
                        + " libjemalloc2; see docs/scaling.md)");
              }
              Runtime.getRuntime().addShutdownHook(new Thread(server::close, "downhill-shutdown"));
            })
        .onFailure(
            failure -> {
              System.err.println("downhill: could not start: " + failure.getMessage());
              System.exit(1);
            });
  }

  /** A file's path, refused now (naming the flag) when it cannot be read. */
  private static String readable(String file, String flag) {
    return TlsSettings.readable(file, flag).toAbsolutePath().toString();
  }

  private static int parsePort(String text, String source) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source + " must be a port from 0 to 65535, not '" + text + "'");
    }
  }
}
