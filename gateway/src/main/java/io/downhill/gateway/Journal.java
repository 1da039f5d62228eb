package io.downhill.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a server keeps its journal, as the few settings that differ: an embedded H2 file database
 * in a folder (the default), an H2 database in memory (throw-away demos and tests), or PostgreSQL.
 * The code path is the same for all three.
 */
public record Journal(String url, String driver, String profile, boolean createSchema) {

  /** The embedded database in {@code folder}, created if absent. */
  public static Journal inFolder(Path folder) {
    String path = folder.toAbsolutePath().normalize().resolve("downhill").toString();
    return new Journal(
        "jdbc:h2:file:"
            + path
            + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE",
        "org.h2.Driver",
        "slick.jdbc.H2Profile$",
        true);
  }

  /** A database that lives as long as this JVM: nothing survives a restart. */
  public static Journal inMemory() {
    return new Journal(
        "jdbc:h2:mem:downhill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=false",
        "org.h2.Driver",
        "slick.jdbc.H2Profile$",
        true);
  }

  /**
   * A JDBC URL: PostgreSQL ({@code jdbc:postgresql:…}, user and password from {@code
   * DOWNHILL_DB_USER} and {@code DOWNHILL_DB_PASSWORD}) or H2 ({@code jdbc:h2:…}).
   */
  public static Journal atUrl(String url, boolean createSchema) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new Journal(url, "org.postgresql.Driver", "slick.jdbc.PostgresProfile$", createSchema);
    }
    if (url.startsWith("jdbc:h2:")) {
      return new Journal(url, "org.h2.Driver", "slick.jdbc.H2Profile$", createSchema);
    }
    throw new IllegalArgumentException(
        "--db-url must start with jdbc:postgresql: or jdbc:h2:, not '" + url + "'");
  }

  /** These settings over {@code config}. */
  public Config over(Config config) {
    Map<String, Object> values = new HashMap<>();
    values.put("downhill.persistence.url", url);
    values.put("downhill.persistence.driver", driver);
    values.put("downhill.persistence.profile", profile);
    values.put("downhill.persistence.create-schema", createSchema);
    // The loaded configuration has its substitutions resolved already: set the plugin's keys too.
    String db = "pekko-persistence-jdbc.shared-databases.slick.";
    values.put(db + "profile", profile);
    values.put(db + "db.url", url);
    values.put(db + "db.driver", driver);
    return ConfigFactory.parseMap(values).withFallback(config).resolve();
  }
}
