package dev.sluice.bench;

import dev.sluice.bench.attack.AttackBenchmark;
import dev.sluice.bench.encoder.EncoderBenchmarks;
import dev.sluice.bench.load.CrossNodeBenchmark;
import dev.sluice.bench.load.LoadBenchmark;
import java.util.Arrays;

/**
 * {@code java -jar benchmarks/target/sluice-benchmarks.jar [encoder|load|attack|cross-node|all]
 * [options]}: runs the encoder microbenchmarks (JMH, with the GC profiler), the load benchmark of
 * Sluice against a hand-written Undertow server, the scripted attacks on a Sluice server, and/or
 * one broadcast across three nodes on Redis, and prints a table of each. {@code all} is encoder and
 * load; the attacks take minutes of waiting for timeouts and are run on their own.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (what) {
      case "encoder" -> EncoderBenchmarks.run(rest);
      case "load" -> LoadBenchmark.run(rest);
      case "attack" -> AttackBenchmark.run(rest);
      case "cross-node" -> CrossNodeBenchmark.run(rest);
      case "all" -> {
        EncoderBenchmarks.run(rest);
        LoadBenchmark.run(rest);
      }
      default -> {
        System.err.println(
            "Usage: java -jar sluice-benchmarks.jar [encoder|load|attack|cross-node|all]");
        System.exit(2);
      }
    }
  }
}
