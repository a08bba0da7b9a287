package dev.sluice.bench.attack;

import java.util.ArrayList;
import java.util.List;

/** The attack benchmark's results: a row per measurement with its goal, and notes under them. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * A measurement; {@code met} is null when the row has no pass mark (it only informs), else
   * whether {@code value} meets {@code goal}.
   */
  void add(String scenario, String metric, String value, String goal, Boolean met) {
    String verdict = met == null ? "" : met ? "ok" : "MISSED";
    rows.add(new String[] {scenario, metric, value, goal, verdict});
    System.err.printf("[attack] %s | %s | %s | %s %s%n", scenario, metric, value, goal, verdict);
  }

  /** A line printed under the table: a scenario skipped or failed, what a tool reported. */
  void note(String note) {
    notes.add(note);
    System.err.println("[attack] note: " + note);
  }

  /** Goals missed so far. */
  long missed() {
    return rows.stream().filter(r -> r[4].equals("MISSED")).count();
  }

  String render() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"scenario", "metric", "value", "goal", ""});
    lines.addAll(rows);
    int[] widths = new int[5];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    String format =
        "%-"
            + widths[0]
            + "s | %-"
            + widths[1]
            + "s | %"
            + widths[2]
            + "s | %-"
            + widths[3]
            + "s | %s%n";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(String.format(format, (Object[]) lines.get(i)));
      if (i == 0) {
        out.append("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + widths[4] + 12))
            .append('\n');
      }
    }
    for (String note : notes) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }
}
