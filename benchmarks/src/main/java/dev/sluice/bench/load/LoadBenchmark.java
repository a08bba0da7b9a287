package dev.sluice.bench.load;

import dev.sluice.bench.load.Results.Side;
import dev.sluice.bench.load.ServerProcess.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sluice against the same routes hand-written on Undertow's SSE API, each server in a fresh JVM of
 * its own per round, the two alternating; prints the median of each measurement.
 *
 * <p>Bursts and fan-outs also report what the server spent on each event the clients received: its
 * CPU time, all threads, and its write system calls, read from {@code /proc} before and after the
 * measured part (the cost a broadcast is judged by, where latency mostly shows the machine's load).
 * Fan-outs stream text, JSON ({@link Quote}), and text through a user's Flow operator ({@link
 * CommentFirst}), over HTTP/1.1 and over h2c with many streams a connection.
 *
 * <p>Options: {@code --rounds N} (default 3), {@code --quick} (a tenth of the events, 2 s of
 * fan-out instead of 10), {@code --only WORD} (the scenarios whose name contains it).
 */
public final class LoadBenchmark {
  /** Streams opened at once before waiting for the server to count them. */
  private static final int BATCH = 500;

  /** Fan-out events a second: a live feed's pace, at which latency is what users see. */
  private static final int RATE = 20;

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private final Options options;
  private final Results results = new Results();

  private LoadBenchmark(Options options) {
    this.options = options;
  }

  public static void run(String[] args) throws Exception {
    Options options = Options.parse(args);
    // Servers are killed in finally blocks; this is for a runner stopped by Ctrl-C.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    new LoadBenchmark(options).runAll();
  }

  private void runAll() throws Exception {
    long burstTotal = options.quick ? 100_000 : 1_000_000;
    long burstPerConn = options.quick ? 10_000 : 100_000;
    int seconds = options.quick ? 2 : 10;
    Transport http1 = Transport.HTTP1;
    List<Scenario> scenarios =
        List.of(
            burst("burst, 1 connection", http1, 1, burstTotal),
            burst("burst, 50 connections", http1, 50, burstPerConn),
            burst("burst, h2c, 50 streams on 1 connection", Transport.h2c(1), 50, burstPerConn),
            fanout("fan-out, 1,000 subscribers", Feed.TEXT, http1, 1_000, seconds),
            fanout("fan-out, 10,000 subscribers", Feed.TEXT, http1, 10_000, seconds),
            fanout("fan-out via operator, 1,000 subscribers", Feed.WRAPPED, http1, 1_000, seconds),
            fanout(
                "fan-out via operator, 10,000 subscribers", Feed.WRAPPED, http1, 10_000, seconds),
            fanout("fan-out JSON, 1,000 subscribers", Feed.JSON, http1, 1_000, seconds),
            fanout("fan-out JSON, 10,000 subscribers", Feed.JSON, http1, 10_000, seconds),
            fanout(
                "fan-out, h2c, 1,000 streams on 10 connections",
                Feed.TEXT,
                Transport.h2c(10),
                1_000,
                seconds),
            fanout(
                "fan-out, h2c, 10,000 streams on 100 connections",
                Feed.TEXT,
                Transport.h2c(100),
                10_000,
                seconds),
            new Scenario(
                "idle, 10,000 streams", List.of(), s -> idle(s, "idle, 10,000 streams", 10_000)));
    for (Scenario scenario : scenarios) {
      if (options.only != null && !scenario.name.contains(options.only)) {
        continue;
      }
      try {
        for (int round = 0; round < options.rounds; round++) {
          // Alternate which goes first, so that neither always runs on a cooler machine.
          Side[] order =
              round % 2 == 0
                  ? new Side[] {Side.SLUICE, Side.BASELINE}
                  : new Side[] {Side.BASELINE, Side.SLUICE};
          for (Side side : order) {
            System.err.printf("[load] %s, round %d, %s%n", scenario.name, round + 1, side);
            try {
              runOnce(side, scenario);
            } catch (IOException e) {
              // One failed run is reported, and the others still measured.
              results.note(
                  scenario.name
                      + ", "
                      + side
                      + ", round "
                      + (round + 1)
                      + " failed: "
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

  private Scenario burst(String name, Transport transport, int streams, long perStream) {
    return new Scenario(
        name, transport.serverArgs(), run -> burst(run, name, transport, streams, perStream));
  }

  private Scenario fanout(
      String name, Feed feed, Transport transport, int subscribers, int seconds) {
    return new Scenario(
        name,
        transport.serverArgs(),
        run -> fanout(run, name, feed, transport, subscribers, seconds));
  }

  /** Starts a server, measures its start-up, runs the scenario on it, and kills it. */
  private void runOnce(Side side, Scenario scenario) throws Exception {
    Class<?> main = side == Side.SLUICE ? SluiceServerMain.class : BaselineServerMain.class;
    ServerProcess server =
        ServerProcess.start(side.name().toLowerCase(), main, scenario.serverArgs);
    RUNNING.add(server.process);
    try {
      // Start-up rows are for the servers as the HTTP/1.1 scenarios run them.
      startup(server, side, scenario.serverArgs.isEmpty());
      scenario.body.run(new Run(server, side));
    } finally {
      server.close();
      RUNNING.remove(server.process);
    }
  }

  /**
   * Time to READY, and to the first event of a one-event burst asked for right after it; added to
   * the table if {@code record}, else only waited for.
   */
  private void startup(ServerProcess server, Side side, boolean record) throws Exception {
    try (Client client = new Client(Transport.HTTP1.connect(server.port))) {
      client.open("/burst?n=1");
      if (!awaitTrue(() -> client.tally().firstEventNanos != 0, 10_000)) {
        throw new IOException(side + ": no first event within 10 s");
      }
      if (record) {
        results.add("start-up", "JVM start to READY, ms", "%.0f", side, server.readyNanos / 1e6);
        results.add(
            "start-up",
            "JVM start to first event, ms",
            "%.0f",
            side,
            (client.tally().firstEventNanos - server.startNanos) / 1e6);
      }
    }
  }

  /**
   * {@code streams} streams of {@code perStream} events each, read as fast as the client can; after
   * an untimed warm-up of a tenth of that, so the JIT has compiled the hot paths.
   */
  private void burst(Run run, String name, Transport transport, int streams, long perStream)
      throws Exception {
    burstOnce(run, transport, streams, Math.max(1, perStream / 10));
    Usage before = run.server.usage();
    long start = System.nanoTime();
    Client client = burstOnce(run, transport, streams, perStream);
    double seconds = (client.endNanos - start) / 1e9;
    long received = 0;
    long outOfOrder = 0;
    int incomplete = 0;
    for (EventReader stream : client.streams) {
      received += stream.eventCount();
      outOfOrder += stream.outOfOrder();
      incomplete += stream.complete() ? 0 : 1;
    }
    long expected = streams * perStream;
    results.add(name, "events/s", "%,.0f", run.side, received / seconds);
    results.add(name, "events lost", "%.0f", run.side, expected - received);
    addUsage(name, run.side, before.until(client.endUsage), received);
    if (outOfOrder > 0 || incomplete > 0) {
      results.note(
          name
              + ", "
              + run.side
              + ": "
              + outOfOrder
              + " events out of order, "
              + incomplete
              + " responses cut off");
    }
    noteTrouble(name, run, client);
  }

  /** Runs one burst to its end; the client says when it ended and what the server had used. */
  private Client burstOnce(Run run, Transport transport, int streams, long perStream)
      throws Exception {
    try (Client client = new Client(transport.connect(run.server.port))) {
      for (int i = 0; i < streams; i++) {
        client.open("/burst?n=" + perStream);
      }
      if (!awaitTrue(() -> client.tally().ended.get() == streams, 300_000)) {
        results.note(run.side + ": a burst did not end within 300 s");
      }
      client.endNanos = System.nanoTime();
      client.endUsage = run.server.usage();
      return client;
    }
  }

  /**
   * {@code subscribers} streams of the feed, all open before the server publishes {@link #RATE}
   * events a second for {@code seconds} (after a second of warm-up); each event carries its publish
   * time. The server's usage is read from just before that publishing starts to when the last event
   * has arrived.
   */
  private void fanout(
      Run run, String name, Feed feed, Transport transport, int subscribers, int seconds)
      throws Exception {
    long count = (long) RATE * seconds;
    // Three seconds, not measured: C2 compiles the publishing and writing paths, which would
    // otherwise be charged to the first events measured (more so on the side with more code).
    long warmUp = RATE * 3L;
    long expected = subscribers * (warmUp + count);
    Usage used;
    long delivered;
    Client client = new Client(transport.connect(run.server.port));
    try (client) {
      Tally tally = client.tally();
      openSubscribers(run, client, subscribers, feed.path);
      run.server.get(feed.publish + "?rate=" + RATE + "&count=" + warmUp);
      awaitTrue(() -> tally.events.get() >= subscribers * warmUp, 15_000);
      tally.recordLatency = true;
      long eventsBefore = tally.events.get();
      Usage before = run.server.usage();
      run.server.get(feed.publish + "?rate=" + RATE + "&count=" + count);
      awaitTrue(() -> tally.events.get() >= expected, seconds * 1000L + 15_000);
      used = before.until(run.server.usage());
      delivered = tally.events.get() - eventsBefore;
    }
    long received = 0;
    long outOfOrder = 0;
    for (EventReader stream : client.streams) {
      received += stream.eventCount();
      outOfOrder += stream.outOfOrder();
    }
    long[] latencies = client.tally().latencyMicros.sorted();
    if (latencies.length > 0) {
      results.add(name, "latency p50, ms", "%.2f", run.side, percentile(latencies, 0.50) / 1e3);
      results.add(name, "latency p99, ms", "%.2f", run.side, percentile(latencies, 0.99) / 1e3);
      results.add(name, "latency max, ms", "%.2f", run.side, latencies[latencies.length - 1] / 1e3);
    }
    addUsage(name, run.side, used, delivered);
    results.add(name, "events lost", "%.0f", run.side, expected - received);
    long failures = run.server.failures();
    if (outOfOrder > 0 || failures > 0) {
      results.note(
          name
              + ", "
              + run.side
              + ": "
              + outOfOrder
              + " events out of order, "
              + failures
              + " failed sends");
    }
    noteTrouble(name, run, client);
    if (feed.about != null) {
      results.note(name + ": " + feed.about);
    }
  }

  /** The server's CPU time and write syscalls per event delivered, if any was. */
  private void addUsage(String name, Side side, Usage used, long delivered) {
    if (delivered <= 0) {
      return;
    }
    results.note(
        "server CPU per event: utime + stime of all the server's threads"
            + " (/proc/PID/stat, in ticks of 1/"
            + ServerProcess.clockTicksPerSecond()
            + " s)"
            + " over the measured part, divided by the events all clients received in it; write"
            + " syscalls per event: syscw of /proc/PID/io, likewise");
    results.add(name, "server CPU per event, \u00b5s", "%.2f", side, used.cpuMicros() / delivered);
    results.add(
        name, "write syscalls per event", "%.3f", side, used.writeSyscalls() / (double) delivered);
  }

  private void noteTrouble(String name, Run run, Client client) {
    String trouble = client.c.trouble();
    if (!trouble.isEmpty()) {
      results.note(name + ", " + run.side + ": " + trouble);
    }
  }

  /**
   * {@code streams} open and silent: what they cost the server, over what it used before they
   * opened: resident memory, and live heap after full collections.
   */
  private void idle(Run run, String name, int streams) throws Exception {
    long heapBefore = run.server.heapBytes();
    long rssBefore = run.server.rssBytes();
    try (Client client = new Client(Transport.HTTP1.connect(run.server.port))) {
      openSubscribers(run, client, streams, "/fanout");
      Thread.sleep(1_000); // let the server finish whatever opening them started
      long heapAfter = run.server.heapBytes();
      long rssAfter = run.server.rssBytes();
      double thousands = run.server.subscribers() / 1000.0; // all of them, unless noted
      results.add(
          name,
          "RSS per 1,000 streams, MiB",
          "%.2f",
          run.side,
          (rssAfter - rssBefore) / thousands / (1 << 20));
      results.add(
          name,
          "live heap per 1,000 streams, MiB",
          "%.2f",
          run.side,
          (heapAfter - heapBefore) / thousands / (1 << 20));
      results.add(
          name, "server RSS before streams, MiB", "%.1f", run.side, rssBefore / (double) (1 << 20));
    }
  }

  /**
   * Opens {@code n} streams of {@code path} and waits (30 s at most) until the server counts them
   * all; a shortfall is noted, and the scenario goes on with the streams that did open.
   */
  private void openSubscribers(Run run, Client client, int n, String path) throws Exception {
    Tally tally = client.tally();
    // In batches: 10,000 connects at once overflow the listen backlog (Undertow's is 1000), and
    // a connection whose handshake the kernel dropped may take a minute of retries to recover.
    for (int opened = 0; opened < n; ) {
      int batch = Math.min(BATCH, n - opened);
      for (int i = 0; i < batch; i++) {
        client.open(path);
      }
      opened += batch;
      int target = opened;
      awaitTrue(() -> serverCounts(run, target) || tally.connectFailures.get() > 0, 10_000);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int subscribers;
    while ((subscribers = run.server.subscribers()) < n) {
      if (tally.connectFailures.get() > 0) {
        IOException e = tally.firstConnectError.get();
        throw new SkipScenario(
            tally.connectFailures.get()
                + " of "
                + n
                + " connections failed to open ("
                + e
                + "); with 'Too many open files', raise"
                + " the limit (ulimit -n, now "
                + openFilesLimit()
                + ") above "
                + (n + 1000));
      }
      if (System.nanoTime() > deadline) {
        results.note(
            run.side
                + ": only "
                + subscribers
                + " of "
                + n
                + " subscribers after 30 s"
                + " (client: "
                + tally.connected.get()
                + " requested, "
                + tally.ended.get()
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

  /** A scenario, and the flags its servers are started with. */
  private record Scenario(String name, List<String> serverArgs, Body body) {}

  private record Run(ServerProcess server, Side side) {}

  /** How the client reaches the server: HTTP/1.1, a connection a stream, or h2c over a few. */
  private record Transport(int h2cConnections) {
    static final Transport HTTP1 = new Transport(0);

    static Transport h2c(int connections) {
      return new Transport(connections);
    }

    /** HTTP/2 is switched on for the h2c scenarios only, on both servers. */
    List<String> serverArgs() {
      return h2cConnections == 0 ? List.of() : List.of("--http2");
    }

    EventClient connect(int port) throws IOException {
      return h2cConnections == 0 ? new LoadClient(port) : new H2cClient(port, h2cConnections);
    }
  }

  /** What a fan-out streams: its route, the control route that publishes it, and a note. */
  private enum Feed {
    TEXT("/fanout", "/publish", null),
    WRAPPED(
        "/fanout-wrapped",
        "/publish",
        "Sluice wraps the broadcaster's subscription in a"
            + " user operator (CommentFirst: ': "
            + SluiceEndpoints.SUBSCRIBED
            + "', then every event"
            + " unchanged); Undertow's connection cannot send a comment, so the baseline sends"
            + " 'retry: "
            + BaselineServerMain.FIRST_RETRY_MILLIS
            + "' first, a block that"
            + " dispatches no event either"),
    JSON(
        "/fanout-json",
        "/publish-json",
        "a Quote record per event; Sluice encodes it with its"
            + " ObjectMapper, the baseline with ObjectMapper.writeValueAsString, each once per"
            + " event"
            + " for all subscribers");

    final String path;
    final String publish;
    final String about;

    Feed(String path, String publish, String about) {
      this.path = path;
      this.publish = publish;
      this.about = about;
    }
  }

  /**
   * An {@link EventClient} with the streams it opened, closable in try-with-resources; with, after
   * a burst, when it ended and what the server had used by then.
   */
  private static final class Client implements AutoCloseable {
    final EventClient c;
    final List<EventReader> streams = new ArrayList<>();
    long endNanos;
    Usage endUsage;

    Client(EventClient c) {
      this.c = c;
    }

    void open(String path) {
      streams.add(c.open(path));
    }

    Tally tally() {
      return c.tally();
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
          default -> {} // options of the encoder benchmarks, when run with "all"
        }
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("--rounds must be at least 1");
      }
      return new Options(rounds, quick, only);
    }
  }
}
