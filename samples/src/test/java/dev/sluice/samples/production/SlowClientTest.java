package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.samples.production.SseLoadClient.Event;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client stops reading a broadcast that others read: it alone is cut off, the others get every
 * event in order, and the server's buffers stay bounded meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientTest {
  // Linux loopback lets the kernel absorb over a megabyte for a client that stops reading (the
  // sender's buffer grows to tcp_wmem's 4 MiB), so the broadcast must outrun that: 2 MB/s to
  // each reader. The readers that keep up must really keep up: the test client parses every
  // byte on one thread, and a reader whose client falls behind is slow to the server too (its
  // connection stops draining). Fifty readers, 100 MB/s, was past what that thread reads on a
  // shared 2-core machine, and twenty, 40 MB/s, once in seventeen runs with other builds beside
  // it (ten keeping-up readers cut off as slow, which they were); ten leave it room.
  private static final int READERS = 10;
  private static final int MAX_BUFFERED = 16 * 1024;
  private static final int EVENTS_PER_SECOND = 2_000;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PADDING = "x".repeat(1_000);

  private final SlowClientEndpoints endpoints = new SlowClientEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints).server(server -> server.maxBufferedBytes(MAX_BUFFERED));

  @Test
  void clientThatStopsReading_isCutOffAfterTheGraceAndTheOthersGetEveryEvent(SseLoadClient client)
      throws Exception {
    // Each reader checks the order as events arrive: data is "<sequence> <padding>".
    int[] expected = new int[READERS + 1];
    AtomicInteger outOfOrder = new AtomicInteger();
    AtomicReference<String> firstOutOfOrder = new AtomicReference<>();
    SseLoadClient.Listener inOrder =
        new SseLoadClient.Listener() {
          @Override
          public void onEvent(Connection c, Event event) {
            int sequence = Integer.parseInt(event.data().substring(0, event.data().indexOf(' ')));
            if (sequence != expected[c.index()]) {
              outOfOrder.incrementAndGet();
              firstOutOfOrder.compareAndSet(
                  null, c + " got " + sequence + ", expected " + expected[c.index()]);
            }
            expected[c.index()] = sequence + 1;
          }
        };
    SseLoadClient.Request feed =
        client.request("/production/slow/feed").retainEvents(false).listener(inOrder);
    List<Connection> readers = new ArrayList<>();
    while (readers.size() < READERS) { // a hundred at a time, within the listen backlog
      List<Connection> opened = feed.open(Math.min(100, READERS - readers.size()));
      for (Connection c : opened) {
        assertTrue(c.awaitHead(WAIT), c.toString());
      }
      readers.addAll(opened);
    }
    // A small receive window, so that the kernel holds little for the client that stops.
    Connection slow =
        client
            .request("/production/slow/feed")
            .receiveBufferSize(4096)
            .retainEvents(false)
            .listener(inOrder)
            .open();
    assertTrue(slow.awaitHead(WAIT), slow.toString());
    slow.pause();
    Probes.eventually(
        WAIT,
        () -> endpoints.feed.subscriberCount() == READERS + 1,
        () -> endpoints.feed.subscriberCount() + " subscribed");

    long period = 1_000_000_000L / EVENTS_PER_SECOND;
    long started = System.nanoTime();
    long cutOffAt = -1;
    long maxQueued = 0;
    int published = 0;
    while (true) {
      endpoints.feed.publish(published + " " + PADDING);
      published++;
      maxQueued = Math.max(maxQueued, sluice.stats().queuedBytes());
      long now = System.nanoTime();
      if (cutOffAt < 0 && sluice.stats().closed().get(CloseReason.SLOW) > 0) {
        cutOffAt = now;
      }
      if (cutOffAt > 0 && now - cutOffAt > 1_000_000_000L || now - started > 15_000_000_000L) {
        break; // the broadcast goes on for a second after the cut
      }
      long next = started + published * period;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
    }
    long cutOffMillis = (cutOffAt - started) / 1_000_000;
    assertTrue(cutOffAt > 0, "the slow client was not cut off in 15 s: " + sluice.stats());
    assertEquals(1L, sluice.stats().closed().get(CloseReason.SLOW), "" + sluice.stats());
    assertTrue(cutOffMillis >= 500, "cut off after " + cutOffMillis + " ms, before the grace");

    for (Connection c : readers) {
      assertTrue(c.awaitEvents(published, WAIT), c + " of " + published + " events");
      assertNull(c.closure(), c.toString());
    }
    assertEquals(0, outOfOrder.get(), firstOutOfOrder.get());
    // What the kernel held for it is there to read, and then the end of the connection.
    slow.resume();
    assertTrue(slow.awaitClosed(WAIT), slow.toString());
    assertTrue(
        slow.closure() == SseLoadClient.Closure.EOF
            || slow.closure() == SseLoadClient.Closure.RESET,
        slow.toString());
    assertFalse(slow.responseComplete(), "cut off, not ended: " + slow);
    assertEquals(READERS, sluice.stats().openStreams());
    System.out.printf(
        "slow client cut off after %d ms at %d events; %d readers x %d events;"
            + " at most %d bytes queued; slow client read %d events%n",
        cutOffMillis, published, READERS, published, maxQueued, slow.eventCount());

    // Fails: a publisher stream holds up to PublisherDriver.WINDOW (256) events, not
    // maxBufferedBytes; with 1 KB events that is 16 times the configured 16 KiB.
    long bound = (READERS + 1L) * (MAX_BUFFERED + 2 * 1024);
    assertTrue(maxQueued < bound, "queued " + maxQueued + " bytes at most; bound " + bound);
  }
}
