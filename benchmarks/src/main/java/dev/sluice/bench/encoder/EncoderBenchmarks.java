package dev.sluice.bench.encoder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EncoderBenchmark} with JMH and its GC profiler, then prints one line per benchmark:
 * time per op with its error, and bytes allocated per op.
 *
 * <p>{@code --quick}: one warmup and two measurement iterations, a smoke run whose numbers are
 * rough. Other arguments are ignored (with {@code all}, the load benchmark's options come here
 * too).
 */
public final class EncoderBenchmarks {
  private EncoderBenchmarks() {}

  public static void run(String[] args) throws RunnerException {
    boolean quick = false;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      }
    }

    ChainedOptionsBuilder options =
        new OptionsBuilder()
            // A regex over "package.Class.method": this class's benchmarks and no others.
            .include("^" + EncoderBenchmark.class.getName().replace(".", "\\.") + "\\.")
            .addProfiler(GCProfiler.class);
    if (quick) {
      options.warmupIterations(1).measurementIterations(2);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException(
          "JMH found no encoder benchmarks: is META-INF/BenchmarkList"
              + " missing from the jar (the JMH annotation processor generates it)?");
    }
    System.out.println();
    System.out.println(
        "Encoder"
            + (quick ? " (--quick: rough numbers; JMH gives no error for 2 iterations)" : ""));
    System.out.print(table(results));
  }

  static String table(Collection<RunResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Benchmark", "ns/op", "error", "bytes/op"});
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      Result<?> time = result.getPrimaryResult();
      Result<?> alloc = allocNorm(result.getSecondaryResults());
      rows.add(
          new String[] {
            name.substring(name.lastIndexOf('.') + 1),
            format(time.getScore(), 1),
            format(time.getScoreError(), 1),
            alloc == null ? "n/a" : format(alloc.getScore(), 1)
          });
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      s.append(
          String.format(
              "%-" + widths[0] + "s | %" + widths[1] + "s ± %" + widths[2] + "s | %" + widths[3]
                  + "s%n",
              row[0],
              row[1],
              row[2],
              row[3]));
      if (r == 0) {
        s.append("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 9)).append('\n');
      }
    }
    return s.toString();
  }

  /** The GC profiler's bytes per op: "·gc.alloc.rate.norm" before JMH 1.36, no dot since. */
  private static Result<?> allocNorm(Map<String, Result> secondary) {
    for (Map.Entry<String, Result> e : secondary.entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String format(double value, int decimals) {
    return Double.isNaN(value) ? "n/a" : String.format("%." + decimals + "f", value);
  }
}
