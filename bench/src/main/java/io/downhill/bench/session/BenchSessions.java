package io.downhill.bench.session;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.downhill.Downhill;
import io.downhill.client.PekkoStages;
import io.downhill.numerics.training.TrainingSpec;
import io.downhill.session.Session;
import io.downhill.session.SessionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Session actors for the benchmarks: spawned directly on the session dispatcher, each created from
 * its spec with its owner token kept, on an in-memory journal unless the benchmark names another
 * one.
 */
public final class BenchSessions {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A session and the token that drives it. */
  public record Driven(ActorRef<Session.Command> ref, String token) {}

  private BenchSessions() {}

  /** An actor system whose sessions journal in memory. */
  public static ActorSystem<SpawnProtocol.Command> system(String name) {
    return system(name, "memory");
  }

  /**
   * An actor system whose sessions journal in memory ({@code memory}: Pekko's in-memory journal) or
   * in the embedded H2 file database the server uses by default ({@code h2}, a fresh one in {@code
   * bench/target}), its tables created.
   */
  public static ActorSystem<SpawnProtocol.Command> system(String name, String journal) {
    String settings =
        switch (journal) {
          case "memory" ->
              """
              pekko.persistence.journal.plugin = "pekko.persistence.journal.inmem"
              pekko.persistence.snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
              pekko.persistence.snapshot-store.local.dir = "%s"
              """
                  // A directory of its own: the in-memory journal dies with the fork, snapshots on
                  // disk would not, and the next fork's sessions would find their ids taken.
                  .formatted(
                      java.nio.file.Path.of(
                              "target", "bench-snapshots", java.util.UUID.randomUUID().toString())
                          .toAbsolutePath());
          case "h2" ->
              """
              pekko.persistence.journal.plugin = "jdbc-journal"
              pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
              pekko-persistence-jdbc.shared-databases.slick {
                profile = "slick.jdbc.H2Profile$"
                db {
                  url = "jdbc:h2:file:%s;DATABASE_TO_UPPER=false;WRITE_DELAY=0"
                  driver = "org.h2.Driver", user = "sa", password = ""
                  numThreads = 4, maxConnections = 4, minConnections = 1
                }
              }
              jdbc-journal.use-shared-db = "slick"
              jdbc-snapshot-store.use-shared-db = "slick"
              jdbc-read-journal.use-shared-db = "slick"
              jdbc-durable-state-store.use-shared-db = "slick"
              """
                  .formatted(
                      java.nio.file.Path.of(
                              "target", "bench-h2-" + java.util.UUID.randomUUID(), "db")
                          .toAbsolutePath());
          default -> throw new IllegalArgumentException("journal must be memory or h2: " + journal);
        };
    // The benchmarks' watchers subscribe once and never renew: their lease must outlast a trial.
    Config config =
        ConfigFactory.parseString(settings + "\ndownhill.watch.lease = 1h")
            .withFallback(ConfigFactory.load());
    ActorSystem<SpawnProtocol.Command> system =
        ActorSystem.create(SpawnProtocol.create(), name, config);
    if (journal.equals("h2")) {
      Downhill.prepareJournal(system).toCompletableFuture().join();
    }
    return system;
  }

  /** Spawns and creates {@code count} sessions, the i-th from {@code spec.apply(i)}. */
  public static List<Driven> spawn(
      ActorSystem<SpawnProtocol.Command> system,
      NDManager manager,
      String prefix,
      int count,
      IntFunction<TrainingSpec> spec) {
    SessionSettings settings = SessionSettings.from(system.settings().config());
    List<CompletableFuture<Driven>> made = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      TrainingSpec sessionSpec = spec.apply(i);
      made.add(
          AskPattern.<SpawnProtocol.Command, ActorRef<Session.Command>>ask(
                  system,
                  replyTo ->
                      new SpawnProtocol.Spawn<>(
                          Session.create(id, null, settings, manager),
                          "session-" + id,
                          DispatcherSelector.fromConfig(Downhill.SESSION_DISPATCHER),
                          replyTo),
                  TIMEOUT,
                  system.scheduler())
              .thenCompose(
                  ref ->
                      AskPattern.<Session.Command, Session.Created>askWithStatus(
                              ref,
                              replyTo -> new Session.Create(sessionSpec, replyTo),
                              TIMEOUT,
                              system.scheduler())
                          .thenApply(created -> new Driven(ref, created.token())))
              .toCompletableFuture());
    }
    List<Driven> sessions = new ArrayList<>(count);
    made.forEach(future -> sessions.add(future.join()));
    return sessions;
  }

  /** Resets every session to its spec's start and waits for all. */
  public static void resetAll(ActorSystem<?> system, List<Driven> sessions) {
    awaitAll(
        sessions.stream()
            .map(
                s ->
                    AskPattern.<Session.Command, io.downhill.session.Snapshot>askWithStatus(
                            s.ref(),
                            replyTo -> new Session.Reset(s.token(), replyTo),
                            TIMEOUT,
                            system.scheduler())
                        .toCompletableFuture())
            .toList());
  }

  /** Asks every session for {@code steps} steps at once; returns the steps made, checked. */
  public static int stepAll(ActorSystem<?> system, List<Driven> sessions, int steps) {
    return stepEachInTurn(system, sessions, steps, 1);
  }

  /**
   * Asks every session for {@code steps} steps, {@code requests} times in a row: each session asks
   * again as soon as its own answer arrives, without waiting for the others. Returns the steps
   * made, checked against the steps asked.
   */
  public static int stepEachInTurn(
      ActorSystem<?> system, List<Driven> sessions, int steps, int requests) {
    List<CompletableFuture<Integer>> made = new ArrayList<>(sessions.size());
    for (Driven session : sessions) {
      CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
      for (int r = 0; r < requests; r++) {
        chain = chain.thenCompose(sofar -> step(system, session, steps).thenApply(n -> sofar + n));
      }
      made.add(chain);
    }
    awaitAll(made);
    int total = made.stream().mapToInt(CompletableFuture::join).sum();
    int asked = sessions.size() * steps * requests;
    if (total != asked) {
      throw new IllegalStateException("the sessions made " + total + " of " + asked + " steps");
    }
    return total;
  }

  /** One step request, answered with the number of steps made (fewer than asked: diverged). */
  private static CompletableFuture<Integer> step(ActorSystem<?> system, Driven session, int steps) {
    // As DownhillClient does: chained directly, each answer would run its next step on a new
    // thread where the common pool has one (two cores), and the room would measure that.
    return PekkoStages.onDispatcher(
            system,
            AskPattern.<Session.Command, Session.Stepped>askWithStatus(
                session.ref(),
                replyTo -> new Session.Step(session.token(), steps, replyTo),
                TIMEOUT,
                system.scheduler()))
        .thenApply(stepped -> stepped.steps().size());
  }

  private static void awaitAll(List<? extends CompletableFuture<?>> futures) {
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
  }
}
