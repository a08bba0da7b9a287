package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseEvent;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.samples.production.SseLoadClient.Event;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** close() with a thousand streams open: every client told when to come back, nothing left. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {
  private static final int STREAMS = 1_000;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final SseEvent<String> BYE =
      SseEvent.<String>builder().retry(Duration.ofSeconds(7)).comment("bye").build();

  private final LifecycleEndpoints endpoints = new LifecycleEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints)
          .server(server -> server.shutdownEvent(BYE).shutdownTimeout(Duration.ofSeconds(5)));

  @Test
  void closeWithAThousandStreams_sendsTheShutdownEventEndsEachAndStopsEveryThread()
      throws Exception {
    Set<Thread> before = new HashSet<>(Probes.serverThreads());
    SseLoadClient client = sluice.client(SseLoadClient.class); // the server starts with it
    List<Connection> streams = new ArrayList<>();
    for (int batch = 0; batch < STREAMS / 100; batch++) { // within the listen backlog
      String path = batch % 2 == 0 ? "/production/broadcast" : "/production/blocking";
      List<Connection> opened = client.request(path).open(100);
      for (Connection c : opened) {
        assertTrue(c.awaitHead(WAIT), c.toString());
        assertEquals(200, c.status(), c.toString());
      }
      streams.addAll(opened);
    }
    Probes.eventually(
        WAIT, () -> sluice.stats().openStreams() == STREAMS, () -> "" + sluice.stats());
    Probes.eventually(
        WAIT,
        () -> endpoints.broadcaster.subscriberCount() == STREAMS / 2,
        () -> endpoints.broadcaster.subscriberCount() + " subscribed");
    endpoints.broadcaster.publish("last before the shutdown");

    long started = System.nanoTime();
    // Fails: SseServer.close() first calls Undertow's ListenerInfo.suspend(), which also closes
    // every open connection, so no stream gets the shutdown event or its last chunk.
    sluice.server().close();
    long closeMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(closeMillis < 6_000, "close() took " + closeMillis + " ms");

    for (Connection c : streams) {
      assertTrue(c.awaitEnd(WAIT), c.toString());
      assertTrue(c.responseComplete(), "the response ended with its last chunk: " + c);
      List<Event> events = c.events();
      Event last = events.get(events.size() - 1);
      assertEquals(7000L, last.retry(), c + ": " + events);
      assertEquals(List.of("bye"), c.comments(), c.toString());
      assertEquals(2, events.size(), c + ": " + events); // its one event, then retry
    }
    assertEquals(STREAMS / 2, endpoints.streamsOpened.get());
    assertEquals(STREAMS / 2, endpoints.streamsClosed.get(), "every Stream's onClose ran");
    assertEquals(0, endpoints.broadcaster.subscriberCount());
    assertEquals((long) STREAMS, sluice.stats().closed().get(CloseReason.SHUTDOWN));
    Probes.eventually(
        Duration.ofSeconds(2),
        () -> Probes.serverThreads().stream().allMatch(before::contains),
        () ->
            "threads still alive: "
                + Probes.serverThreads().stream()
                    .filter(t -> !before.contains(t))
                    .map(Thread::getName)
                    .collect(Collectors.toList()));
    System.out.printf("close() with %d streams took %d ms%n", STREAMS, closeMillis);
  }
}
