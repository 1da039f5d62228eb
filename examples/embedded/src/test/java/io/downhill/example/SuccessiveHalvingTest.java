package io.downhill.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.Downhill;
import io.downhill.access.Refused;
import io.downhill.client.DownhillClient;
import io.downhill.client.DownhillSettings;
import io.downhill.client.RefusedException;
import io.downhill.numerics.training.Presets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example as an application runs it: its own system, real actors, real DJL, H2 in memory. */
class SuccessiveHalvingTest {
  static ActorSystem<Void> system;
  static DownhillClient client;
  static SearchResult result;

  @BeforeAll
  static void search() {
    ExampleNode node = ExampleNode.alone();
    var config = node.config();
    system = node.start(config, Duration.ofSeconds(30));
    Downhill.prepareJournal(system).toCompletableFuture().join();
    client = Downhill.start(system, DownhillSettings.from(config));
    result =
        new SuccessiveHalving(client, Presets.notebook(), 0, line -> {})
            .search(EmbeddedSearch.RATES, 10);
  }

  @AfterAll
  static void shutdown() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  @Test
  void eachRungKeepsHalfTheRatesUntilOneRemains() {
    assertThat(result.rungs()).extracting(r -> r.outcomes().size()).containsExactly(8, 4, 2);
    assertThat(result.rungs()).extracting(r -> r.kept().size()).containsExactly(4, 2, 1);
  }

  @Test
  void theBudgetDoublesEveryRungAndEverySessionRanItsBudget() {
    assertThat(result.rungs()).extracting(SearchResult.Rung::budget).containsExactly(10L, 20L, 40L);
    long total = 0;
    for (SearchResult.Rung rung : result.rungs()) {
      total += rung.budget();
      for (Outcome outcome : rung.outcomes()) {
        assertThat(outcome.stepsThisRung()).isEqualTo(rung.budget());
        assertThat(outcome.step()).isEqualTo(total);
      }
    }
  }

  @Test
  void theRatesKeptAreTheBetterHalfOfEachRung() {
    List<SearchResult.Rung> rungs = result.rungs();
    for (int i = 0; i < rungs.size(); i++) {
      SearchResult.Rung rung = rungs.get(i);
      List<Double> best =
          rung.outcomes().stream()
              .sorted(java.util.Comparator.comparingDouble(Outcome::rankingLoss))
              .limit(rung.kept().size())
              .map(Outcome::rate)
              .toList();
      assertThat(rung.kept()).containsExactlyInAnyOrderElementsOf(best);
      if (i + 1 < rungs.size()) {
        assertThat(rungs.get(i + 1).outcomes())
            .extracting(Outcome::rate)
            .containsExactlyInAnyOrderElementsOf(rung.kept());
      }
    }
  }

  @Test
  void theWinnerHasTheLowestLossAmongTheFinalists() {
    List<Outcome> finalists = result.rungs().get(result.rungs().size() - 1).outcomes();
    double lowest = finalists.stream().mapToDouble(Outcome::loss).min().orElseThrow();
    assertThat(result.winner().loss()).isEqualTo(lowest);
    assertThat(result.winner().diverged()).isFalse();
    assertThat(Double.isFinite(result.winner().loss())).isTrue();
    // Training helped: the winner ends below the notebook's starting loss.
    assertThat(result.winner().loss()).isLessThan(4.4666);
  }

  @Test
  void everySessionIsDeletedAtTheEnd() throws Exception {
    assertThat(result.sessions()).hasSize(8).doesNotHaveDuplicates();
    for (String id : result.sessions()) {
      try {
        client.sessions().state(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
        throw new AssertionError("session " + id + " is still there");
      } catch (ExecutionException e) {
        assertThat(RefusedException.of(e).kind()).isEqualTo(Refused.Kind.NOT_FOUND);
      }
    }
  }
}
