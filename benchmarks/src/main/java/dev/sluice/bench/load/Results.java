package dev.sluice.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measurements of every round, by row of the table, and the table of their medians. */
final class Results {
  enum Side {
    SLUICE,
    BASELINE
  }

  private record Row(String scenario, String metric, String format) {}

  private final Map<Row, Map<Side, List<Double>>> rows = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /** One round's value; {@code format} is how the row prints it, such as {@code "%,.0f"}. */
  void add(String scenario, String metric, String format, Side side, double value) {
    rows.computeIfAbsent(new Row(scenario, metric, format), r -> new EnumMap<>(Side.class))
        .computeIfAbsent(side, s -> new ArrayList<>())
        .add(value);
  }

  /** A line printed under the table: a check that failed, a scenario skipped. */
  void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  String table(int rounds) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"scenario", "metric", "Sluice", "Baseline", "ratio (S/B)"});
    rows.forEach(
        (row, sides) -> {
          List<Double> sluice = sides.getOrDefault(Side.SLUICE, List.of());
          List<Double> baseline = sides.getOrDefault(Side.BASELINE, List.of());
          Double s = sluice.isEmpty() ? null : median(sluice);
          Double b = baseline.isEmpty() ? null : median(baseline);
          String ratio = s != null && b != null && b != 0 ? String.format("%.2f", s / b) : "-";
          cells.add(
              new String[] {
                row.scenario,
                row.metric,
                s == null ? "-" : String.format(row.format, s),
                b == null ? "-" : String.format(row.format, b),
                ratio
              });
        });
    int[] widths = new int[5];
    for (String[] line : cells) {
      for (int i = 0; i < 5; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Load benchmark: median of ")
        .append(rounds)
        .append(" round(s); server JVMs ")
        .append(String.join(" ", ServerProcess.JVM_FLAGS))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs shared with the client\n");
    for (int l = 0; l < cells.size(); l++) {
      String[] line = cells.get(l);
      out.append(
          String.format(
              "%-" + widths[0] + "s | %-" + widths[1] + "s | %" + widths[2] + "s | %" + widths[3]
                  + "s | %" + widths[4] + "s%n",
              (Object[]) line));
      if (l == 0) {
        int total = 0;
        for (int w : widths) {
          total += w;
        }
        out.append("-".repeat(total + 4 * 3)).append('\n');
      }
    }
    for (String note : notes) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }
}
