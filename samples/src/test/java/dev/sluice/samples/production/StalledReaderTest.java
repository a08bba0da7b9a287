package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readers that stop reading a stream that never stops: past the heartbeat they cost the I/O threads
 * nothing, at the stall deadline they are closed as slow, and the streams beside them on the same
 * I/O threads keep their pace throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledReaderTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(3);
  private static final int STALLED = 8;
  private static final int PACED = 4; // on both I/O threads, beside the stalled ones

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints)
          .server(server -> server.heartbeat(HEARTBEAT).stallTimeout(STALL_TIMEOUT));

  @Test
  void readersStalledPastTheHeartbeat_costNothingAndAreClosedAsSlowAtTheDeadline(
      SseLoadClient client) throws Exception {
    List<Connection> paced = client.request("/hardening/pace").open(PACED);
    for (Connection c : paced) {
      assertTrue(c.awaitHead(WAIT), c.toString());
    }
    Probes.eventually(WAIT, () -> endpoints.pace.subscriberCount() == PACED, () -> "subscribed");
    List<Connection> stalled = new ArrayList<>();
    for (int i = 0; i < STALLED; i++) {
      Connection c =
          client.request("/hardening/firehose").receiveBufferSize(4096).retainEvents(false).open();
      assertTrue(c.awaitHead(WAIT), c.toString());
      c.pause();
      stalled.add(c);
    }
    long pausedAt = System.nanoTime();

    // Heartbeats fall due while the firehoses' writes wait for their readers: the I/O threads
    // must sleep through them. Measured in CPU time, which a busy machine does not inflate.
    int published = 0;
    long windowStart = pausedAt + TimeUnit.MILLISECONDS.toNanos(800);
    long windowEnd = windowStart + TimeUnit.MILLISECONDS.toNanos(1_500);
    long cpuAtStart = -1;
    long cpuAtEnd = -1;
    while (sluice.stats().closed().get(CloseReason.SLOW) < STALLED
        && System.nanoTime() - pausedAt < WAIT.toNanos()) {
      endpoints.pace.publish("tick " + published++);
      long now = System.nanoTime();
      if (cpuAtStart < 0 && now >= windowStart) {
        cpuAtStart = ioThreadCpuNanos();
        windowStart = now;
      } else if (cpuAtStart >= 0 && cpuAtEnd < 0 && now >= windowEnd) {
        cpuAtEnd = ioThreadCpuNanos();
        windowEnd = now;
      }
      Thread.sleep(50);
    }
    long closedAfterMillis = (System.nanoTime() - pausedAt) / 1_000_000;
    assertEquals(
        (long) STALLED,
        sluice.stats().closed().get(CloseReason.SLOW),
        "stalled readers closed as slow: " + sluice.stats());
    // The stall clock starts at the last byte a connection took, which the client's own thread
    // may have read a moment before it was told to stop (a busy machine deschedules it): hence
    // the slack. A clock that started at the open, or at the heartbeat, would be seconds early.
    assertTrue(
        closedAfterMillis >= STALL_TIMEOUT.toMillis() - 500,
        "closed " + closedAfterMillis + " ms after they stopped, before the stall timeout");
    assertTrue(cpuAtEnd > 0, "the CPU window was not measured");
    double busy = (double) (cpuAtEnd - cpuAtStart) / (windowEnd - windowStart);
    assertTrue(
        busy < 0.25,
        String.format(
            "the I/O threads used %.0f%% of a core while readers were stalled", busy * 100));

    for (Connection c : paced) {
      assertTrue(c.awaitEvents(published, WAIT), c + " of " + published);
      assertFalse(c.ended(), c.toString());
    }
    assertEquals(PACED, sluice.stats().openStreams(), "" + sluice.stats());
    for (Connection c : stalled) {
      c.resume(); // what the kernel held, then the end the server wrote
      assertTrue(c.awaitClosed(WAIT), c.toString());
    }
    System.out.printf(
        "stalled readers closed %d ms after they stopped; I/O threads %.1f%% busy"
            + " meanwhile; %d paced events each%n",
        closedAfterMillis, busy * 100, published);
  }

  private static long ioThreadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains("I/O")) {
        total += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }
}
