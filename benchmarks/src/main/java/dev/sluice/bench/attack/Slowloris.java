package dev.sluice.bench.attack;

import dev.sluice.bench.load.SelectorLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 2: connections that begin a request and trickle one header line at a time, never ending
 * the head (slowloris). Each must be closed at the request parse timeout, while a new client asking
 * for a stream once a second is answered as fast as ever.
 */
final class Slowloris {
  static final String NAME = "2. slowloris";
  private static final int CONNECTIONS = 200;

  /** When to count the open connections, in parse timeouts: 5, 10, 12 and 15 s by default. */
  private static final double[] CHECKPOINTS = {0.5, 1.0, 1.2, 1.5};

  private static final double PROBE_GOAL_MILLIS = 100;

  private final Target target;
  private final Timing timing;
  private final Table table;
  private final SocketChannel[] channels = new SocketChannel[CONNECTIONS];
  private final long[] startedAt = new long[CONNECTIONS];

  /** When the server closed each connection ({@code nanoTime}), 0 while it is open. */
  private final long[] closedAt = new long[CONNECTIONS];

  /** Connections not closed yet; the loop thread's, as {@link #closedAt} is. */
  private int open = CONNECTIONS;

  /** Where what the server sends is read to, and dropped. */
  private final ByteBuffer sink = ByteBuffer.allocate(4096);

  private Slowloris(Target target, Timing timing, Table table) {
    this.target = target;
    this.timing = timing;
    this.table = table;
  }

  static void run(Target target, Timing timing, Table table) throws Exception {
    new Slowloris(target, timing, table).run();
  }

  private void run() throws Exception {
    double parse = Timing.seconds(timing.parse());
    double duration = parse * CHECKPOINTS[CHECKPOINTS.length - 1] + 0.5;
    List<Probe.Result> probes = Collections.synchronizedList(new ArrayList<>());
    Thread prober = new Thread(() -> probeEverySecond(duration, probes), "prober");
    long origin = System.nanoTime();
    Trickle trickle = new Trickle(origin, parse / 5);
    SelectorLoop loop = new SelectorLoop("slowloris", 50, trickle);
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        open(i, loop);
      }
      prober.start();
      loop.start();
      // Until every connection is closed, or the time is up.
      long left = (long) (duration * 1e9) - (System.nanoTime() - origin);
      trickle.allClosed.await(left, TimeUnit.NANOSECONDS);
    } finally {
      loop.close(); // its join makes closedAt, written on its thread, visible to report()
      for (SocketChannel channel : channels) {
        if (channel != null) {
          channel.close();
        }
      }
      prober.join((long) (duration * 1000) + 15_000); // its own schedule ends it by then
      prober.interrupt();
    }
    report(parse, probes);
  }

  /** Connects, and sends the request line; the head is never finished. */
  private void open(int i, SelectorLoop loop) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", target.port()));
    channels[i] = channel;
    startedAt[i] = System.nanoTime();
    channel.write(ByteBuffer.wrap("GET /ticks HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
    channel.configureBlocking(false);
    loop.register(channel, SelectionKey.OP_READ, key -> readOrClose(i));
  }

  /**
   * On the loop's thread, from {@code origin}: one more header line on each open connection every
   * {@code interval} seconds, and whatever the server sends read (by {@link #readOrClose}), its
   * end-of-stream taken as the close.
   */
  private final class Trickle implements SelectorLoop.Rounds {
    final CountDownLatch allClosed = new CountDownLatch(1);
    private final long origin;
    private final double interval;
    private int lines;

    Trickle(long origin, double interval) {
      this.origin = origin;
      this.interval = interval;
    }

    @Override
    public void afterSelect() {
      if (Waits.secondsSince(origin) >= (lines + 1) * interval) {
        lines++;
        ByteBuffer line =
            ByteBuffer.wrap(
                ("X-Slow-" + lines + ": " + lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < CONNECTIONS; i++) {
          if (closedAt[i] == 0) {
            write(i, line.duplicate());
          }
        }
      }
      if (open == 0) {
        allClosed.countDown();
      }
    }
  }

  /** Reads what the server sent; marks the connection closed if it is found so. */
  private void readOrClose(int i) {
    if (closedAt[i] != 0) {
      return; // counted already
    }
    try {
      sink.clear();
      if (channels[i].read(sink) >= 0) {
        return;
      }
    } catch (IOException e) {
      // A reset: closed too.
    }
    markClosed(i);
  }

  private void write(int i, ByteBuffer line) {
    try {
      channels[i].write(line); // a few bytes: the socket takes them whole
    } catch (IOException e) {
      markClosed(i);
    }
  }

  private void markClosed(int i) {
    open--;
    closedAt[i] = System.nanoTime();
    try {
      channels[i].close(); // and out of the selector
    } catch (IOException e) {
      // Closed is what we wanted.
    }
  }

  /** A new stream request once a second, each timed to its response head, then closed. */
  private void probeEverySecond(double seconds, List<Probe.Result> results) {
    long origin = System.nanoTime();
    for (int n = 0; n < (int) seconds && !Thread.currentThread().isInterrupted(); n++) {
      try {
        Waits.sleepUntil(origin, n + 0.5);
      } catch (InterruptedException e) {
        return;
      }
      results.add(Probe.get(target.port(), "/ticks"));
    }
  }

  private void report(double parse, List<Probe.Result> probes) {
    for (double checkpoint : CHECKPOINTS) {
      double at = parse * checkpoint;
      int open = 0;
      for (int i = 0; i < CONNECTIONS; i++) {
        open += closedAt[i] == 0 || (closedAt[i] - startedAt[i]) / 1e9 > at ? 1 : 0;
      }
      String metric = String.format("connections still open at %.1f s", at);
      if (checkpoint < 1) {
        table.add(
            NAME,
            metric,
            Integer.toString(open),
            Integer.toString(CONNECTIONS),
            open == CONNECTIONS);
      } else if (checkpoint == 1) {
        table.add(NAME, metric, Integer.toString(open), "(the parse timeout: closing)", null);
      } else {
        table.add(NAME, metric, Integer.toString(open), "0", open == 0);
      }
    }
    double last = 0;
    int closed = 0;
    for (int i = 0; i < CONNECTIONS; i++) {
      if (closedAt[i] != 0) {
        closed++;
        last = Math.max(last, (closedAt[i] - startedAt[i]) / 1e9);
      }
    }
    table.add(
        NAME,
        "all closed by the server at, s",
        closed == CONNECTIONS
            ? String.format("%.1f", last)
            : closed + " of " + CONNECTIONS + " closed",
        String.format("%.0f-%.0f (parse timeout)", parse, parse + 1),
        closed == CONNECTIONS && last >= parse - 0.5 && last <= parse + 1.5);
    List<Double> millis = new ArrayList<>();
    int ok = 0;
    for (Probe.Result probe : probes) {
      millis.add(probe.millis());
      ok += probe.status() == 200 ? 1 : 0;
    }
    Collections.sort(millis);
    double max = millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1);
    table.add(
        NAME,
        "new /ticks each second: to head, median / max, ms",
        millis.isEmpty()
            ? "no probe"
            : String.format("%.1f / %.1f", millis.get(millis.size() / 2), max),
        "< " + (int) PROBE_GOAL_MILLIS,
        max < PROBE_GOAL_MILLIS);
    table.add(
        NAME,
        "new /ticks each second: answered 200",
        ok + " of " + probes.size(),
        "all",
        ok == probes.size() && ok > 0);
  }
}
