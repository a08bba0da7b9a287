package dev.sluice.bench.attack;

import dev.sluice.SseStats;
import dev.sluice.bench.attack.Target.Cpu;
import dev.sluice.bench.load.LoadClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Scenario 3: HTTP/2 clients asking for far more streams than they may hold, on {@code /blocking},
 * whose every stream holds a thread. One connection asking for 1,100 must get the per-connection
 * cap (100) and no more; a thousand connections asking for 10 each must not take the server past
 * {@code maxStreams}. Meanwhile a stream opened before the flood keeps flowing, and a new HTTP/1.1
 * client asking for one is answered at once.
 */
final class StreamFlood {
  static final String ONE_H2LOAD = "3a. h2 flood, 1 conn (h2load)";
  static final String ONE_RAW = "3b. h2 flood, 1 conn (raw)";
  static final String MANY = "3c. h2 flood, 1,000 conns";

  /** The library's default maxStreamsPerConnection. */
  private static final int PER_CONNECTION = 100;

  private static final int MAX_STREAMS = 2_000;

  /**
   * For {@link #MANY}: {@code maxStreams} 2,000, and enough threads for as many {@code Stream}
   * endpoints (on Java 17 to 20 their default of 1,024 would bind first, and hide the limit).
   */
  static final List<String> MANY_SERVER_ARGS =
      List.of("--max-streams", Integer.toString(MAX_STREAMS), "--max-stream-threads", "4096");

  private final Target target;
  private final Timing timing;
  private final Table table;
  private final String name;

  private StreamFlood(Target target, Timing timing, Table table, String name) {
    this.target = target;
    this.timing = timing;
    this.table = table;
    this.name = name;
  }

  /** What floods: its tool, whether it is done, and what it says about its run. */
  private record Flood(AutoCloseable tool, BooleanSupplier finished, Supplier<String> summary) {}

  private interface Starter {
    Flood start() throws IOException;
  }

  static void oneConnectionH2load(Target target, Timing timing, Table table, Path h2load)
      throws Exception {
    new StreamFlood(target, timing, table, ONE_H2LOAD)
        .measure(
            () ->
                h2load(
                    target,
                    h2load,
                    List.of("-c", "1", "-m", "1100", "-n", "1100", "-D", seconds(timing))),
            false);
  }

  static void oneConnectionRaw(Target target, Timing timing, Table table) throws Exception {
    new StreamFlood(target, timing, table, ONE_RAW)
        .measure(() -> raw(target, timing, 1, 1100), false);
  }

  /** With h2load if there is one, else with the raw client. */
  static void manyConnections(Target target, Timing timing, Table table, Path h2load)
      throws Exception {
    new StreamFlood(target, timing, table, MANY)
        .measure(
            h2load == null
                ? () -> raw(target, timing, 1000, 10)
                : () ->
                    h2load(
                        target, h2load, List.of("-c", "1000", "-m", "10", "-D", seconds(timing))),
            true);
    table.note(MANY + ": the server ran with " + String.join(" ", MANY_SERVER_ARGS));
  }

  private static String seconds(Timing timing) {
    return Long.toString(timing.flood().toSeconds());
  }

  private static Flood h2load(Target target, Path h2load, List<String> args) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.add("http://127.0.0.1:" + target.port() + "/blocking"); // h2c by prior knowledge
    H2load run = H2load.start(h2load, all);
    return new Flood(run, run::finished, run::summary);
  }

  private static Flood raw(Target target, Timing timing, int connections, int streams)
      throws IOException {
    long end = System.nanoTime() + timing.flood().toNanos();
    H2cFlood flood = new H2cFlood(target.port(), connections, streams, "/blocking");
    return new Flood(flood, () -> System.nanoTime() - end > 0, flood::toString);
  }

  /**
   * Runs the flood to its end, polling the stats every 200 ms, with a {@code /ticks} reader opened
   * before it and a new {@code /ticks} request halfway through.
   *
   * @param serverWide whether the cap in force is the server's {@code maxStreams} (else the
   *     connection's)
   */
  private void measure(Starter starter, boolean serverWide) throws Exception {
    LoadClient ticksClient = new LoadClient(target.port());
    LoadClient.Conn ticks = ticksClient.open("/ticks");
    ticksClient.recordLatency();
    int peakAll = 0;
    int peakBlocking = 0;
    Probe.Result probe = null;
    double cpu;
    String summary;
    try {
      if (!Waits.until(() -> target.stats().openStreams() == 1, 10_000)) {
        throw new IOException("the ticks reader's stream did not open within 10 s");
      }
      Cpu from = target.cpu();
      Flood flood = starter.start();
      long origin = System.nanoTime();
      double halfway = Timing.seconds(timing.flood()) / 2;
      // h2load's duration starts once it has connected; give it that long again at most.
      double limit = 2 * Timing.seconds(timing.flood()) + 10;
      try {
        while (!flood.finished().getAsBoolean() && Waits.secondsSince(origin) < limit) {
          SseStats stats = target.stats();
          peakAll = Math.max(peakAll, stats.openStreams());
          peakBlocking =
              Math.max(peakBlocking, stats.openStreamsByEndpoint().getOrDefault("/blocking", 0));
          if (probe == null && Waits.secondsSince(origin) >= halfway) {
            probe = Probe.get(target.port(), "/ticks");
          }
          Waits.sleep(200);
        }
        cpu = from.percentUntil(target.cpu());
      } finally {
        flood.tool().close();
      }
      summary = flood.summary().get();
    } finally {
      ticksClient.close();
    }
    report(serverWide, peakAll, peakBlocking, probe, cpu, ticks);
    table.note(name + ": " + summary);
  }

  private void report(
      boolean serverWide,
      int peakAll,
      int peakBlocking,
      Probe.Result probe,
      double cpu,
      LoadClient.Conn ticks)
      throws Exception {
    if (serverWide) {
      table.add(
          name,
          "peak open streams, all",
          Integer.toString(peakAll),
          "<= " + MAX_STREAMS + " (maxStreams)",
          peakAll <= MAX_STREAMS);
    } else {
      table.add(
          name,
          "peak open /blocking streams",
          Integer.toString(peakBlocking),
          "<= " + PER_CONNECTION + " (per connection)",
          peakBlocking <= PER_CONNECTION);
    }
    boolean full = serverWide && peakAll >= MAX_STREAMS;
    table.add(
        name,
        "new HTTP/1.1 /ticks: status, time to head",
        probe == null ? "not made" : String.format("%d, %.1f ms", probe.status(), probe.millis()),
        serverWide ? "200, or 503 if full (server-wide cap)" : "200",
        probe != null
            && probe.millis() < 1000
            && (probe.status() == 200 || full && probe.status() == 503));
    double gapMillis = ticks.maxGapMicros() / 1e3;
    table.add(
        name,
        "open /ticks: longest gap, ms",
        String.format("%.0f", gapMillis),
        "<= 500",
        ticks.eventCount() > 0 && gapMillis <= 500);
    table.add(name, "server CPU, % of a core", String.format("%.0f", cpu), "", null);
    Map<SseStats.Refusal, Long> refused = new TreeMap<>(target.stats().refused());
    refused.values().removeIf(n -> n == 0);
    table.add(name, "refused (stats)", refused.isEmpty() ? "none" : refused.toString(), "", null);
  }
}
