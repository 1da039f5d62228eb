package io.downhill.example;

import java.util.List;

/**
 * What a successive-halving search found: every rung, and the rate that remained.
 *
 * @param rungs the rungs in order; each ran its rates for twice the steps of the one before
 * @param winner the last rate standing, the lowest loss of the final rung
 * @param sessions every session the search made (all deleted when it returns)
 */
record SearchResult(List<Rung> rungs, Outcome winner, List<String> sessions) {

  /**
   * One rung of the search.
   *
   * @param number 1 for the first
   * @param budget the steps each rate made in this rung
   * @param outcomes each rate's outcome, best first
   * @param kept the rates that go on, the better half
   */
  record Rung(int number, long budget, List<Outcome> outcomes, List<Double> kept) {}
}
