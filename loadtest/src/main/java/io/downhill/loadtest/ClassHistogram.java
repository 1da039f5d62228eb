package io.downhill.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live objects of a JVM by class, as {@code jcmd PID GC.class_histogram} prints them, and the
 * classes that grew most between two of them: where the heap a passivated session costs went.
 *
 * @param classes instances and bytes by class name
 */
record ClassHistogram(Map<String, Count> classes) {
  /** Instances of one class and the bytes they take (shallow: the objects themselves). */
  record Count(long instances, long bytes) {}

  /** One class's growth from one histogram to another. */
  record Growth(String className, long instances, long bytes) {}

  static ClassHistogram of(long pid) {
    return parse(Jcmd.classHistogram(pid));
  }

  /**
   * Parses the histogram's rows, {@code " 1: 54674 7419432 [B (java.base@17.0.15)"}: rank,
   * instances, bytes, class name, and the module after the name when it has one. The header, the
   * rule and the {@code Total} line do not start with a rank and are skipped.
   */
  static ClassHistogram parse(String text) {
    Map<String, Count> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].matches("[0-9]+:")) {
        try {
          // a class loaded by two loaders has two rows under one name: add them up
          classes.merge(
              fields[3],
              new Count(Long.parseLong(fields[1]), Long.parseLong(fields[2])),
              (a, b) -> new Count(a.instances() + b.instances(), a.bytes() + b.bytes()));
        } catch (NumberFormatException e) {
          // not a row after all
        }
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("not a class histogram: " + firstLine(text));
    }
    return new ClassHistogram(classes);
  }

  /** The {@code limit} classes whose bytes grew most from {@code before} to this, most first. */
  List<Growth> grownSince(ClassHistogram before, int limit) {
    List<Growth> grown = new ArrayList<>();
    classes.forEach(
        (name, now) -> {
          Count then = before.classes.getOrDefault(name, new Count(0, 0));
          if (now.bytes() > then.bytes()) {
            grown.add(
                new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
          }
        });
    grown.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    return grown.subList(0, Math.min(limit, grown.size()));
  }

  long totalBytes() {
    return classes.values().stream().mapToLong(Count::bytes).sum();
  }

  private static String firstLine(String text) {
    String trimmed = text.trim();
    int end = trimmed.indexOf('\n');
    return end < 0 ? trimmed : trimmed.substring(0, end);
  }
}
