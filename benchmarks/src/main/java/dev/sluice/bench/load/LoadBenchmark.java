package dev.sluice.bench.load;

import dev.sluice.bench.load.Results.Side;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sluice against the same routes hand-written on Undertow's SSE API, each server in a fresh JVM
 * of its own per round, the two alternating; prints the median of each measurement.
 *
 * <p>Options: {@code --rounds N} (default 3), {@code --quick} (a tenth of the events, 2 s of
 * fan-out instead of 5), {@code --only WORD} (the scenarios whose name contains it).
 */
public final class LoadBenchmark {
  /** Streams opened at once before waiting for the server to count them. */
  private static final int BATCH = 500;
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private final Options options;
  private final Results results = new Results();

  private LoadBenchmark(Options options) {
    this.options = options;
  }

  public static void run(String[] args) throws Exception {
    Options options = Options.parse(args);
    // Servers are killed in finally blocks; this is for a runner stopped by Ctrl-C.
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    new LoadBenchmark(options).runAll();
  }

  private void runAll() throws Exception {
    long burstTotal = options.quick ? 100_000 : 1_000_000;
    long burstPerConn = options.quick ? 10_000 : 100_000;
    int seconds = options.quick ? 2 : 5;
    List<Scenario> scenarios = List.of(
        new Scenario("burst, 1 connection", s -> burst(s, "burst, 1 connection", 1, burstTotal)),
        new Scenario("burst, 50 connections",
            s -> burst(s, "burst, 50 connections", 50, burstPerConn)),
        new Scenario("fan-out, 1,000 subscribers",
            s -> fanout(s, "fan-out, 1,000 subscribers", 1_000, 20, seconds)),
        new Scenario("fan-out, 10,000 subscribers",
            s -> fanout(s, "fan-out, 10,000 subscribers", 10_000, 20, seconds)),
        new Scenario("idle, 10,000 streams", s -> idle(s, "idle, 10,000 streams", 10_000)));
    for (Scenario scenario : scenarios) {
      if (options.only != null && !scenario.name.contains(options.only)) {
        continue;
      }
      try {
        for (int round = 0; round < options.rounds; round++) {
          // Alternate which goes first, so that neither always runs on a cooler machine.
          Side[] order = round % 2 == 0
              ? new Side[] {Side.SLUICE, Side.BASELINE}
              : new Side[] {Side.BASELINE, Side.SLUICE};
          for (Side side : order) {
            System.err.printf("[load] %s, round %d, %s%n", scenario.name, round + 1, side);
            try {
              runOnce(side, scenario);
            } catch (IOException e) {
              // One failed run is reported, and the others still measured.
              results.note(scenario.name + ", " + side + ", round " + (round + 1) + " failed: "
                  + e.getMessage());
            }
          }
        }
      } catch (SkipScenario e) {
        results.note(scenario.name + " skipped: " + e.getMessage());
      }
    }
    System.out.println();
    System.out.print(results.table(options.rounds));
  }

  /** Starts a server, measures its start-up, runs the scenario on it, and kills it. */
  private void runOnce(Side side, Scenario scenario) throws Exception {
    Class<?> main = side == Side.SLUICE ? SluiceServerMain.class : BaselineServerMain.class;
    ServerProcess server = ServerProcess.start(side.name().toLowerCase(), main);
    RUNNING.add(server.process);
    try {
      startup(server, side);
      scenario.body.run(new Run(server, side));
    } finally {
      server.close();
      RUNNING.remove(server.process);
    }
  }

  /** Time to READY, and to the first event of a one-event burst asked for right after it. */
  private void startup(ServerProcess server, Side side) throws Exception {
    try (Client client = new Client(server.port)) {
      client.c.open("/burst?n=1");
      if (!awaitTrue(() -> client.c.firstEventNanos != 0, 10_000)) {
        throw new IOException(side + ": no first event within 10 s");
      }
      results.add("start-up", "JVM start to READY, ms", "%.0f", side, server.readyNanos / 1e6);
      results.add("start-up", "JVM start to first event, ms", "%.0f", side,
          (client.c.firstEventNanos - server.startNanos) / 1e6);
    }
  }

  /**
   * {@code connections} streams of {@code perConnection} events each, read as fast as the client
   * can; after an untimed warm-up of a tenth of that, so the JIT has compiled the hot paths.
   */
  private void burst(Run run, String name, int connections, long perConnection)
      throws Exception {
    burstOnce(run, connections, Math.max(1, perConnection / 10));
    long start = System.nanoTime();
    Client client = burstOnce(run, connections, perConnection);
    double seconds = (client.endNanos - start) / 1e9;
    long received = 0;
    long outOfOrder = 0;
    int incomplete = 0;
    for (LoadClient.Conn conn : client.conns) {
      received += conn.eventCount;
      outOfOrder += conn.outOfOrder;
      incomplete += conn.complete ? 0 : 1;
    }
    long expected = connections * perConnection;
    results.add(name, "events/s", "%,.0f", run.side, received / seconds);
    results.add(name, "events lost", "%.0f", run.side, expected - received);
    if (outOfOrder > 0 || incomplete > 0) {
      results.note(name + ", " + run.side + ": " + outOfOrder + " events out of order, "
          + incomplete + " responses cut off");
    }
  }

  private Client burstOnce(Run run, int connections, long perConnection) throws Exception {
    try (Client client = new Client(run.server.port)) {
      for (int i = 0; i < connections; i++) {
        client.conns.add(client.c.open("/burst?n=" + perConnection));
      }
      if (!awaitTrue(() -> client.c.ended.get() == connections, 300_000)) {
        results.note(run.side + ": a burst did not end within 300 s");
      }
      client.endNanos = System.nanoTime();
      return client;
    }
  }

  /**
   * {@code subscribers} streams of {@code /fanout}, all open before the server publishes {@code
   * rate} events a second for {@code seconds} (after a second of warm-up); each event carries its
   * publish time.
   */
  private void fanout(Run run, String name, int subscribers, int rate, int seconds)
      throws Exception {
    long count = (long) rate * seconds;
    long warmUp = rate; // one second, not measured: the JIT compiles the publishing path
    Client client = new Client(run.server.port);
    try (client) {
      openSubscribers(run, client, subscribers);
      run.server.get("/publish?rate=" + rate + "&count=" + warmUp);
      awaitTrue(() -> client.c.events.get() >= subscribers * warmUp, 15_000);
      client.c.recordLatency();
      run.server.get("/publish?rate=" + rate + "&count=" + count);
      long expected = subscribers * (warmUp + count);
      awaitTrue(() -> client.c.events.get() >= expected, seconds * 1000L + 15_000);
    }
    long received = 0;
    long outOfOrder = 0;
    for (LoadClient.Conn conn : client.conns) {
      received += conn.eventCount;
      outOfOrder += conn.outOfOrder;
    }
    long[] latencies = client.c.latencyMicros().sorted();
    if (latencies.length > 0) {
      results.add(name, "latency p50, ms", "%.2f", run.side, percentile(latencies, 0.50) / 1e3);
      results.add(name, "latency p99, ms", "%.2f", run.side, percentile(latencies, 0.99) / 1e3);
      results.add(name, "latency max, ms", "%.2f", run.side,
          latencies[latencies.length - 1] / 1e3);
    }
    long expected = subscribers * (warmUp + count);
    results.add(name, "events lost", "%.0f", run.side, expected - received);
    long failures = run.server.failures();
    if (outOfOrder > 0 || failures > 0) {
      results.note(name + ", " + run.side + ": " + outOfOrder + " events out of order, "
          + failures + " failed sends");
    }
  }

  /**
   * {@code streams} open and silent: what they cost the server, over what it used before they
   * opened: resident memory, and live heap after full collections.
   */
  private void idle(Run run, String name, int streams) throws Exception {
    long heapBefore = run.server.heapBytes();
    long rssBefore = run.server.rssBytes();
    try (Client client = new Client(run.server.port)) {
      openSubscribers(run, client, streams);
      Thread.sleep(1_000); // let the server finish whatever opening them started
      long heapAfter = run.server.heapBytes();
      long rssAfter = run.server.rssBytes();
      double thousands = run.server.subscribers() / 1000.0; // all of them, unless noted
      results.add(name, "RSS per 1,000 streams, MiB", "%.2f", run.side,
          (rssAfter - rssBefore) / thousands / (1 << 20));
      results.add(name, "live heap per 1,000 streams, MiB", "%.2f", run.side,
          (heapAfter - heapBefore) / thousands / (1 << 20));
      results.add(name, "server RSS before streams, MiB", "%.1f", run.side,
          rssBefore / (double) (1 << 20));
    }
  }

  /**
   * Opens {@code n} {@code /fanout} streams and waits (30 s at most) until the server counts them
   * all; a shortfall is noted, and the scenario goes on with the streams that did open.
   */
  private void openSubscribers(Run run, Client client, int n) throws Exception {
    // In batches: 10,000 connects at once overflow the listen backlog (Undertow's is 1000), and
    // a connection whose handshake the kernel dropped may take a minute of retries to recover.
    for (int opened = 0; opened < n; ) {
      int batch = Math.min(BATCH, n - opened);
      for (int i = 0; i < batch; i++) {
        client.conns.add(client.c.open("/fanout"));
      }
      opened += batch;
      int target = opened;
      awaitTrue(() -> serverCounts(run, target) || client.c.connectFailures.get() > 0, 10_000);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int subscribers;
    while ((subscribers = run.server.subscribers()) < n) {
      if (client.c.connectFailures.get() > 0) {
        IOException e = client.c.firstConnectError.get();
        throw new SkipScenario(client.c.connectFailures.get() + " of " + n
            + " connections failed to open (" + e + "); with 'Too many open files', raise"
            + " the limit (ulimit -n, now " + openFilesLimit() + ") above " + (n + 1000));
      }
      if (System.nanoTime() > deadline) {
        results.note(run.side + ": only " + subscribers + " of " + n + " subscribers after 30 s"
            + " (client: " + client.c.connected.get() + " connected, " + client.c.ended.get()
            + " ended); measured with those");
        return;
      }
      Thread.sleep(50);
    }
  }

  private static boolean serverCounts(Run run, int subscribers) {
    try {
      return run.server.subscribers() >= subscribers;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static String openFilesLimit() {
    try {
      Process p = new ProcessBuilder("sh", "-c", "ulimit -n").start();
      String limit = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return limit;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Polls {@code condition} every millisecond; false after {@code timeoutMillis}. */
  private static boolean awaitTrue(Condition condition, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private interface Condition {
    boolean holds();
  }

  private interface Body {
    void run(Run run) throws Exception;
  }

  private record Scenario(String name, Body body) {}

  private record Run(ServerProcess server, Side side) {}

  /** A {@link LoadClient} with the connections it opened, closable in try-with-resources. */
  private static final class Client implements AutoCloseable {
    final LoadClient c;
    final List<LoadClient.Conn> conns = new ArrayList<>();
    long endNanos;

    Client(int port) throws IOException {
      this.c = new LoadClient(port);
    }

    @Override
    public void close() {
      c.close();
    }
  }

  /** A scenario this machine cannot run, such as too few file descriptors. */
  private static final class SkipScenario extends Exception {
    private static final long serialVersionUID = 1L;

    SkipScenario(String message) {
      super(message);
    }
  }

  private record Options(int rounds, boolean quick, String only) {
    static Options parse(String[] args) {
      int rounds = 3;
      boolean quick = false;
      String only = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--quick" -> quick = true;
          case "--only" -> only = args[++i];
          default -> { } // options of the encoder benchmarks, when run with "all"
        }
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be at least 1");
      }
      return new Options(rounds, quick, only);
    }
  }
}
