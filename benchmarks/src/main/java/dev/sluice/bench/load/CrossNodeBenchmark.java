package dev.sluice.bench.load;

import dev.sluice.bench.load.Results.Side;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One broadcast across Sluice nodes on Redis: {@code java -jar sluice-benchmarks.jar cross-node
 * [--quick] [--rounds N]}. Each node ({@link RedisNodeMain}) is a JVM of its own with 1,000
 * subscribers read by a {@link LoadClient} of its own; node 0 publishes 20 events a second, every
 * node follows the Redis stream and fans out; the clients measure publish to receipt (the wall
 * clock in each event) and count what is lost. Next to it, the same on one node, on Redis and in
 * memory. Needs {@code redis-server} on the path (Debian: redis-server); starts and stops its own
 * on a free loopback port.
 */
public final class CrossNodeBenchmark {
  private static final int RATE = 20;
  private static final int SUBSCRIBERS_PER_NODE = 1_000;
  private static final int BATCH = 500;

  private final boolean quick;
  private final int rounds;
  private final Results results = new Results();

  private CrossNodeBenchmark(boolean quick, int rounds) {
    this.quick = quick;
    this.rounds = rounds;
  }

  public static void run(String[] args) throws Exception {
    boolean quick = false;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        quick = true;
      } else if (args[i].equals("--rounds")) {
        rounds = Integer.parseInt(args[++i]);
      }
    }
    new CrossNodeBenchmark(quick, Math.max(1, rounds)).runAll();
  }

  private void runAll() throws Exception {
    int seconds = quick ? 2 : 10;
    Path dir = Files.createTempDirectory("sluice-bench-redis-");
    Process redis = null;
    try {
      int port = freePort();
      redis = startRedis(port, dir);
      String uri = "redis://127.0.0.1:" + port;
      for (int round = 1; round <= rounds; round++) {
        measure("fan-out, 1 node x 1,000, in memory", 1, null, seconds, round);
        measure("fan-out, 1 node x 1,000, on Redis", 1, uri, seconds, round);
        measure("fan-out, 3 nodes x 1,000, on Redis", 3, uri, seconds, round);
      }
    } catch (IOException e) {
      results.note("cross-node benchmark not run: " + e.getMessage());
    } finally {
      if (redis != null) {
        redis.destroy(); // by PID: the one started here
        if (!redis.waitFor(10, TimeUnit.SECONDS)) {
          redis.destroyForcibly();
        }
      }
      deleteTree(dir);
    }
    results.note(
        "node 0 publishes "
            + RATE
            + " events/s; every node has "
            + SUBSCRIBERS_PER_NODE
            + " subscribers, each on a connection of its own; latency is"
            + " publish to receipt, by the wall clock, over the subscribers of every node");
    System.out.println();
    System.out.print(results.table(rounds));
  }

  private void measure(String name, int nodeCount, String redisUri, int seconds, int round)
      throws Exception {
    System.err.printf("[cross-node] %s, round %d%n", name, round);
    List<String> args =
        redisUri == null
            ? List.of()
            : List.of("--redis", redisUri, "--key", "sluice-bench:" + UUID.randomUUID());
    List<ServerProcess> nodes = new ArrayList<>();
    List<LoadClient> clients = new ArrayList<>();
    List<EventReader> streams = new ArrayList<>();
    long warmUp = RATE * 3L;
    long count = (long) RATE * seconds;
    long total = (long) nodeCount * SUBSCRIBERS_PER_NODE;
    try {
      for (int i = 0; i < nodeCount; i++) {
        nodes.add(ServerProcess.start("node-" + i, RedisNodeMain.class, args));
      }
      for (ServerProcess node : nodes) {
        LoadClient client = new LoadClient(node.port);
        clients.add(client);
        for (int opened = 0; opened < SUBSCRIBERS_PER_NODE; opened += BATCH) {
          for (int k = 0; k < BATCH; k++) {
            streams.add(client.open("/node-fanout"));
          }
          int target = opened + BATCH;
          awaitTrue(() -> subscribers(node) >= target, 30_000, name + ": subscribers");
        }
      }
      nodes.get(0).get("/publish?rate=" + RATE + "&count=" + warmUp);
      awaitTrue(() -> events(clients) >= total * warmUp, 30_000, name + ": warm-up");
      clients.forEach(LoadClient::recordLatency);
      nodes.get(0).get("/publish?rate=" + RATE + "&count=" + count);
      long expected = total * (warmUp + count);
      awaitTrue(() -> events(clients) >= expected, seconds * 1000L + 30_000, name + ": events");
    } finally {
      clients.forEach(LoadClient::close); // its join makes the latencies visible
      nodes.forEach(ServerProcess::close);
    }
    long received = 0;
    long outOfOrder = 0;
    for (EventReader stream : streams) {
      received += stream.eventCount();
      outOfOrder += stream.outOfOrder();
    }
    LongList all = new LongList();
    for (LoadClient client : clients) {
      for (long latency : client.tally().latencyMicros.sorted()) {
        all.add(latency);
      }
    }
    long[] latencies = all.sorted();
    if (latencies.length > 0) {
      results.add(name, "latency p50, ms", "%.2f", Side.SLUICE, percentile(latencies, 0.50));
      results.add(name, "latency p99, ms", "%.2f", Side.SLUICE, percentile(latencies, 0.99));
      results.add(
          name, "latency max, ms", "%.2f", Side.SLUICE, latencies[latencies.length - 1] / 1e3);
    }
    results.add(name, "events lost", "%.0f", Side.SLUICE, total * (warmUp + count) - received);
    if (outOfOrder > 0) {
      results.note(name + ", round " + round + ": " + outOfOrder + " events out of order");
    }
  }

  private static Process startRedis(int port, Path dir) throws IOException, InterruptedException {
    Process redis;
    try {
      redis =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  dir.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.out").toFile())
              .start();
    } catch (IOException e) {
      throw new IOException(
          "redis-server cannot be started (Debian: apt-get install"
              + " redis-server): "
              + e.getMessage(),
          e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!answersPing(port)) {
      if (!redis.isAlive() || System.nanoTime() > deadline) {
        redis.destroyForcibly();
        throw new IOException("redis-server did not start on port " + port);
      }
      Thread.sleep(20);
    }
    return redis;
  }

  private static boolean answersPing(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(5);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int subscribers(ServerProcess node) {
    try {
      return node.subscribers();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long events(List<LoadClient> clients) {
    return clients.stream().mapToLong(client -> client.tally().events.get()).sum();
  }

  /** The value at {@code p} of sorted microseconds, in milliseconds. */
  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
  }

  private interface Condition {
    boolean holds();
  }

  /** Polls every 5 ms; throws once {@code timeoutMillis} have passed. */
  private static void awaitTrue(Condition condition, long timeoutMillis, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is no failure of the benchmark.
    }
  }
}
