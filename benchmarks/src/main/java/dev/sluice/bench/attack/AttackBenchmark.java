package dev.sluice.bench.attack;

import dev.sluice.bench.load.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scripted attacks on a Sluice server with the library's defaults, each on a fresh server in a JVM
 * of its own, whose CPU time ({@code /proc/<pid>/stat}), stats and log are read while it is
 * attacked: readers that stall, a slowloris, and HTTP/2 stream floods (with {@code h2load} when it
 * is installed). Prints a table of what was measured against what the server promises.
 *
 * <p>Options: {@code --quick} (the server gets a 3 s heartbeat, a 6 s stall timeout and a 2 s parse
 * timeout, and the runner shorter windows: about a minute in all, against about three), {@code
 * --only WORD} (the scenarios whose name contains it).
 */
public final class AttackBenchmark {
  private static final Set<Target> RUNNING = ConcurrentHashMap.newKeySet();

  private final Timing timing;
  private final Table table = new Table();

  private AttackBenchmark(Timing timing) {
    this.timing = timing;
  }

  private interface Body {
    void run(Target target) throws Exception;
  }

  private record Scenario(String name, List<String> serverArgs, Body body) {}

  public static void run(String[] args) throws Exception {
    boolean quick = false;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = args[++i];
        default -> {} // options of the other benchmarks, when run with "all"
      }
    }
    // Servers are stopped in finally blocks; this is for a runner stopped by Ctrl-C.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Target::close)));
    new AttackBenchmark(quick ? Timing.QUICK : Timing.FULL).runAll(only);
  }

  private void runAll(String only) throws Exception {
    Path h2load = H2load.find().orElse(null);
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.add(
        new Scenario(StalledReaders.NAME, List.of(), t -> StalledReaders.run(t, timing, table)));
    scenarios.add(new Scenario(Slowloris.NAME, List.of(), t -> Slowloris.run(t, timing, table)));
    if (h2load != null) {
      scenarios.add(
          new Scenario(
              StreamFlood.ONE_H2LOAD,
              List.of(),
              t -> StreamFlood.oneConnectionH2load(t, timing, table, h2load)));
    } else {
      table.note(
          StreamFlood.ONE_H2LOAD
              + " skipped: h2load is not on PATH; to run it, "
              + H2load.INSTALL_HINT
              + ". "
              + StreamFlood.MANY
              + " uses the raw h2c client instead.");
    }
    scenarios.add(
        new Scenario(
            StreamFlood.ONE_RAW, List.of(), t -> StreamFlood.oneConnectionRaw(t, timing, table)));
    scenarios.add(
        new Scenario(
            StreamFlood.MANY,
            StreamFlood.MANY_SERVER_ARGS,
            t -> StreamFlood.manyConnections(t, timing, table, h2load)));
    for (Scenario scenario : scenarios) {
      if (only == null || scenario.name.contains(only)) {
        runOne(scenario);
      }
    }
    System.out.println();
    System.out.println(
        "Attack benchmark"
            + (timing == Timing.QUICK ? " (--quick)" : "")
            + ": server JVM "
            + String.join(" ", ServerProcess.JVM_FLAGS)
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs shared with the attackers; "
            + "timeouts heartbeat "
            + timing.heartbeat().toSeconds()
            + " s, stall "
            + timing.stall().toSeconds()
            + " s, parse "
            + timing.parse().toSeconds()
            + " s");
    System.out.print(table.render());
    System.out.println(
        table.missed() == 0
            ? "Every goal met."
            : table.missed() + " goal(s) missed (MISSED above).");
  }

  /** A fresh server for the scenario, its log lines counted, stopped whatever happens. */
  private void runOne(Scenario scenario) throws Exception {
    System.err.println("[attack] " + scenario.name);
    List<String> args = new ArrayList<>(timing.serverArgs());
    args.addAll(scenario.serverArgs);
    Target target = Target.start("server", args);
    RUNNING.add(target);
    System.err.printf(
        "[attack] server pid %d, port %d, flags %s%n", target.pid(), target.port(), args);
    try {
      scenario.body.run(target);
    } catch (Exception e) {
      // One failed scenario is reported, and the others still run.
      table.note(scenario.name + " failed: " + e);
    } finally {
      long lines = target.logLines();
      target.close();
      RUNNING.remove(target);
      table.add(
          scenario.name,
          "server log lines",
          Long.toString(lines),
          "<= 10 (none per client)",
          lines <= 10);
    }
  }
}
