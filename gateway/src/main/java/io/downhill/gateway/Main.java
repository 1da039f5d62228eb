package io.downhill.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.ClusterNode;
import io.downhill.engine.TensorEngine;
import io.downhill.gateway.cli.SweepCommand;
import io.downhill.gateway.connection.TlsSettings;
import io.downhill.gateway.join.PublicUrl;
import java.util.Map;

/**
 * {@code java -jar downhill.jar [--port N] [--device auto|cpu|gpu|mps] [--tls-cert FILE --tls-key
 * FILE] [--public-url URL]}: starts the server. The port may also come from {@code DOWNHILL_PORT};
 * {@code --port 0} picks a free one. Prints the URL it listens on.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // DJL reads its settings once, JVM-wide: set them before anything touches it.
    TensorEngine.configure(ConfigFactory.load());
    if (args.length > 0 && args[0].equals("sweep")) {
      int status =
          SweepCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
      System.exit(status);
      return;
    }
    ServerArguments arguments;
    try {
      arguments = ServerArguments.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("downhill: " + e.getMessage());
      System.err.println(ServerArguments.USAGE);
      System.exit(2);
      return;
    }
    if (arguments.help()) {
      System.out.println(ServerArguments.USAGE);
      return;
    }
    // A node that the split brain resolver downs must leave the cluster, so the process exits.
    Config config =
        ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on")
            .withFallback(ConfigFactory.load());
    int port = arguments.port() != null ? arguments.port() : config.getInt("downhill.gateway.port");
    DownhillServer.start(
            arguments.publicUrlOver(arguments.tlsOver(arguments.cluster().over(config))),
            arguments.journal(),
            port,
            arguments.device())
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
                      + io.downhill.Nodes.self(server.system())
                      + ", "
                      + arguments.journalDescription()
                      + ")");
              Runtime.getRuntime().addShutdownHook(new Thread(server::close, "downhill-shutdown"));
            })
        .onFailure(
            failure -> {
              System.err.println("downhill: could not start: " + failure.getMessage());
              System.exit(1);
            });
  }

  /** The command line, parsed. */
  record ServerArguments(
      Integer port,
      TensorEngine.DeviceChoice device,
      String data,
      String dbUrl,
      boolean inMemory,
      ClusterNode cluster,
      String tlsCert,
      String tlsKey,
      String publicUrl,
      boolean help) {
    static final String USAGE =
        "usage: java -jar downhill.jar [--port N] [--device auto|cpu|gpu|mps]\n"
            + "                            [--data DIR | --db-url URL | --in-memory]\n"
            + "                            [--tls-cert FILE --tls-key FILE] [--public-url URL]\n"
            + "       java -jar downhill.jar sweep --help   (a learning-rate sweep, no server)\n"
            + "  --port N       listen on port N (0 picks a free one; default 8080 or $DOWNHILL_PORT)\n"
            + "  --device D     where tensors live: auto (CUDA, else Apple MPS, else CPU), cpu, gpu, mps\n"
            + "  --data DIR     keep sessions, sweeps and workshops in an embedded database in DIR\n"
            + "                 (default ./downhill-data or $DOWNHILL_DATA)\n"
            + "  --db-url URL   keep them in PostgreSQL: jdbc:postgresql://HOST:PORT/DB, with\n"
            + "                 $DOWNHILL_DB_USER and $DOWNHILL_DB_PASSWORD\n"
            + "  --in-memory    keep nothing: everything is gone when the server stops\n"
            + "  --cluster-host H      the address other nodes reach this one at (127.0.0.1)\n"
            + "  --cluster-port N      the cluster port (25520; 0 picks a free one)\n"
            + "  --seed-nodes H:P,...  join the cluster of these nodes (default: form one alone)\n"
            + "  --tls-cert FILE       serve HTTPS and WSS with this PEM certificate (chain)\n"
            + "  --tls-key FILE        and this PEM private key; both or neither (or\n"
            + "                        $DOWNHILL_TLS_CERT and $DOWNHILL_TLS_KEY)\n"
            + "  --public-url URL      the address participants open, e.g. http://192.168.1.20:8080\n"
            + "                        (or $DOWNHILL_PUBLIC_URL); default: this machine's addresses";

    /** The TLS flags over {@code config}, when given. */
    Config tlsOver(Config config) {
      if (tlsCert == null) {
        return config;
      }
      return ConfigFactory.parseMap(
              Map.of("downhill.gateway.tls.cert", tlsCert, "downhill.gateway.tls.key", tlsKey))
          .withFallback(config);
    }

    /** The public URL over {@code config}, when given. */
    Config publicUrlOver(Config config) {
      if (publicUrl == null) {
        return config;
      }
      return ConfigFactory.parseMap(Map.of("downhill.gateway.public-url", publicUrl))
          .withFallback(config);
    }

    /** Where the journal lives, from the flags. */
    Journal journal() {
      if (inMemory) {
        return Journal.inMemory();
      }
      if (dbUrl != null) {
        return Journal.atUrl(dbUrl, true);
      }
      return Journal.inFolder(java.nio.file.Path.of(data));
    }

    String journalDescription() {
      if (inMemory) {
        return "in memory: nothing is kept";
      }
      if (dbUrl != null) {
        return "journal " + dbUrl.replaceAll("//[^/@]*@", "//");
      }
      return "data in " + java.nio.file.Path.of(data).toAbsolutePath().normalize();
    }

    static ServerArguments parse(String[] args, Map<String, String> env) {
      Integer port = null;
      TensorEngine.DeviceChoice device = TensorEngine.DeviceChoice.AUTO;
      String data = env.getOrDefault("DOWNHILL_DATA", "downhill-data");
      String dbUrl = null;
      boolean inMemory = false;
      ClusterNode cluster = ClusterNode.defaults();
      String tlsCert = null;
      String tlsKey = null;
      String publicUrl = null;
      String urlFromEnv = env.get("DOWNHILL_PUBLIC_URL");
      if (urlFromEnv != null && !urlFromEnv.isBlank()) {
        publicUrl = PublicUrl.parse(urlFromEnv, "DOWNHILL_PUBLIC_URL");
      }
      String fromEnv = env.get("DOWNHILL_PORT");
      if (fromEnv != null && !fromEnv.isBlank()) {
        port = parsePort(fromEnv.trim(), "DOWNHILL_PORT");
      }
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--port" -> port = parsePort(value(args, ++i, arg), arg);
          case "--device" -> {
            String name = value(args, ++i, arg);
            device = TensorEngine.DeviceChoice.parse(name);
            if (device == null) {
              throw new IllegalArgumentException(
                  "--device must be auto, cpu, gpu or mps, not '" + name + "'");
            }
          }
          case "--data" -> data = value(args, ++i, arg);
          case "--db-url" -> {
            dbUrl = value(args, ++i, arg);
            Journal.atUrl(dbUrl, true); // refuses a URL of another kind now, not at start
          }
          case "--in-memory" -> inMemory = true;
          case "--cluster-host" -> cluster = cluster.withHost(value(args, ++i, arg));
          case "--cluster-port" ->
              cluster = cluster.withPort(parsePort(value(args, ++i, arg), arg));
          case "--seed-nodes" ->
              cluster = cluster.withSeeds(ClusterNode.parseSeeds(value(args, ++i, arg), arg));
          case "--tls-cert" -> tlsCert = readable(value(args, ++i, arg), arg);
          case "--tls-key" -> tlsKey = readable(value(args, ++i, arg), arg);
          case "--public-url" -> publicUrl = PublicUrl.parse(value(args, ++i, arg), arg);
          case "--help", "-h" -> {
            return new ServerArguments(
                port, device, data, dbUrl, inMemory, cluster, tlsCert, tlsKey, publicUrl, true);
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (inMemory && dbUrl != null) {
        throw new IllegalArgumentException("--in-memory and --db-url exclude each other");
      }
      if (tlsCert != null && tlsKey == null) {
        throw new IllegalArgumentException("--tls-cert needs --tls-key too");
      }
      if (tlsKey != null && tlsCert == null) {
        throw new IllegalArgumentException("--tls-key needs --tls-cert too");
      }
      return new ServerArguments(
          port, device, data, dbUrl, inMemory, cluster, tlsCert, tlsKey, publicUrl, false);
    }

    /** A file's path, refused now (naming the flag) when it cannot be read. */
    private static String readable(String file, String flag) {
      return TlsSettings.readable(file, flag).toAbsolutePath().toString();
    }

    private static String value(String[] args, int index, String flag) {
      if (index >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[index];
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
}
