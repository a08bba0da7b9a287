package dev.sluice.bench.attack;

import dev.sluice.SseStats;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.bench.attack.Target.Cpu;
import dev.sluice.bench.load.LoadClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: clients that open {@code /firehose}, read a little and then never read again, while a
 * well-behaved client reads {@code /ticks}. A stalled stream must cost the server no CPU (no write
 * retried in a loop, no heartbeat spinning on a full socket), hold its place only until the stall
 * timeout, and slow nobody else down.
 */
final class StalledReaders {
  static final String NAME = "1. stalled readers";
  private static final int READERS = 8;

  /** Set before connecting, so that the window the client offers is this small from the start. */
  private static final int RECEIVE_BUFFER = 4096;

  /** Bytes of events each reader takes before it stops: the stream is surely flowing. */
  private static final int READ_BEFORE_STALL = 4096;

  private static final double CPU_GOAL = 5;

  private final Target target;
  private final Timing timing;
  private final Table table;

  private StalledReaders(Target target, Timing timing, Table table) {
    this.target = target;
    this.timing = timing;
    this.table = table;
  }

  static void run(Target target, Timing timing, Table table) throws Exception {
    new StalledReaders(target, timing, table).run();
  }

  private void run() throws Exception {
    LoadClient ticksClient = new LoadClient(target.port());
    LoadClient.Conn ticks = ticksClient.open("/ticks");
    ticksClient.recordLatency();
    List<SocketChannel> stalled = new ArrayList<>();
    try {
      if (!Waits.until(() -> target.stats().openStreams() == 1, 10_000)) {
        throw new IOException("the ticks reader's stream did not open within 10 s");
      }
      Cpu idleFrom = target.cpu();
      Waits.sleep(timing.window().toMillis());
      cpuRow("idle, before", idleFrom.percentUntil(target.cpu()));

      for (int i = 0; i < READERS; i++) {
        stalled.add(stall(target.port()));
      }
      long stoppedAt = System.nanoTime(); // the last of them stopped reading
      double heartbeat = Timing.seconds(timing.heartbeat());
      double stall = Timing.seconds(timing.stall());
      cpuRow(
          String.format("stalled, %.1f-%.1f s (before heartbeat)", 1.0, heartbeat - 0.5),
          cpuBetween(stoppedAt, 1.0, heartbeat - 0.5));
      cpuRow(
          String.format("stalled, %.1f-%.1f s (past heartbeat)", heartbeat + 0.5, stall - 1),
          cpuBetween(stoppedAt, heartbeat + 0.5, stall - 1));

      double[] closedAt = awaitSlowCloses(stoppedAt, stall + 15);
      SseStats stats = target.stats();
      long slow = stats.closed().getOrDefault(CloseReason.SLOW, 0L);
      boolean allClosed = closedAt[1] > 0;
      table.add(
          NAME,
          "stalled streams closed at, first / last, s",
          allClosed ? String.format("%.1f / %.1f", closedAt[0], closedAt[1]) : "not all",
          String.format("~%.0f (stall timeout)", stall),
          allClosed && closedAt[0] >= stall - 0.5 && closedAt[1] <= stall + 3);
      table.add(
          NAME,
          "closed SLOW (stats)",
          Long.toString(slow),
          Integer.toString(READERS),
          slow == READERS);
      table.add(NAME, "heartbeats sent (stats)", Long.toString(stats.heartbeats()), "", null);

      if (allClosed) {
        Cpu afterFrom = target.cpu();
        Waits.sleep(timing.window().toMillis());
        cpuRow("idle, after the close", afterFrom.percentUntil(target.cpu()));
      }
    } finally {
      for (SocketChannel channel : stalled) {
        channel.close();
      }
      ticksClient.close();
    }
    double maxGapMillis = ticks.maxGapMicros() / 1e3;
    table.add(
        NAME,
        "open /ticks: longest gap, ms",
        String.format("%.0f", maxGapMillis),
        "<= 500 (one per 100 ms)",
        maxGapMillis <= 500);
    table.add(
        NAME,
        "open /ticks: events received / lost",
        ticks.eventCount() + " / " + ticks.outOfOrder(),
        "lost 0",
        ticks.eventCount() > 0 && ticks.outOfOrder() == 0);
  }

  private void cpuRow(String when, double percent) {
    table.add(
        NAME,
        "server CPU, % of a core, " + when,
        String.format("%.1f", percent),
        "< " + (int) CPU_GOAL,
        percent < CPU_GOAL);
  }

  /** The server's CPU between {@code from} and {@code to} seconds after {@code origin}. */
  private double cpuBetween(long origin, double from, double to) throws Exception {
    Waits.sleepUntil(origin, from);
    Cpu start = target.cpu();
    Waits.sleepUntil(origin, to);
    return start.percentUntil(target.cpu());
  }

  /**
   * Polls the stats every 200 ms, from just before the stall deadline, for the stalled streams'
   * closes: seconds after {@code origin} when the first and the last were counted SLOW (0 for a
   * close not seen by {@code limitSeconds}).
   */
  private double[] awaitSlowCloses(long origin, double limitSeconds) throws Exception {
    Waits.sleepUntil(origin, Timing.seconds(timing.stall()) - 1);
    double first = 0;
    while (Waits.secondsSince(origin) < limitSeconds) {
      long slow = target.stats().closed().getOrDefault(CloseReason.SLOW, 0L);
      double now = Waits.secondsSince(origin);
      if (slow > 0 && first == 0) {
        first = now;
      }
      if (slow >= READERS) {
        return new double[] {first, now};
      }
      Waits.sleep(200);
    }
    return new double[] {first, 0};
  }

  /**
   * Opens {@code /firehose} with a 4 KiB receive buffer, reads the head and 4 KiB of events, and
   * returns the connection, from then on never read.
   */
  private static SocketChannel stall(int port) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.socket().setSoTimeout(10_000);
      channel.write(
          ByteBuffer.wrap(
              ("GET /firehose HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nAccept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1)));
      InputStream in = channel.socket().getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0 || head.length() > 16 * 1024) {
          throw new IOException("/firehose sent no head: " + head);
        }
        head.append((char) b);
      }
      if (!head.toString().startsWith("HTTP/1.1 200")) {
        throw new IOException("/firehose answered " + head.toString().split("\r\n")[0]);
      }
      byte[] events = new byte[1024];
      for (int read = 0; read < READ_BEFORE_STALL; ) {
        int n = in.read(events);
        if (n < 0) {
          throw new IOException("/firehose ended after " + read + " bytes");
        }
        read += n;
      }
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }
}
