package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whoever ends a stream, client or server, everything the stream held is released. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DisconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final LifecycleEndpoints endpoints = new LifecycleEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  /** One stream of each kind, each past its first event (the broadcast: subscribed). */
  private List<Connection> openOneOfEach(SseLoadClient client) throws InterruptedException {
    Connection broadcast = client.request("/production/broadcast").open();
    Connection blocking = client.request("/production/blocking").open();
    Connection quiet = client.request("/production/quiet").open();
    assertTrue(blocking.awaitEvents(1, WAIT), blocking.toString());
    assertTrue(quiet.awaitEvents(1, WAIT), quiet.toString());
    assertTrue(broadcast.awaitHead(WAIT), broadcast.toString());
    Probes.eventually(
        WAIT, () -> endpoints.broadcaster.subscriberCount() == 1, () -> "broadcast subscribed");
    assertEquals(3, sluice.stats().openStreams());
    return List.of(broadcast, blocking, quiet);
  }

  @Test
  void clientClose_cancelsThePublisherClosesTheStreamAndFreesTheSlot(SseLoadClient client)
      throws Exception {
    List<Connection> streams = openOneOfEach(client);
    streams.get(0).close(); // FIN
    streams.get(1).abort(); // RST
    streams.get(2).close();

    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 0, () -> "" + sluice.stats());
    Probes.eventually(
        WAIT, () -> endpoints.streamsClosed.get() == 1, () -> "the Stream's onClose ran");
    Probes.eventually(
        WAIT,
        () -> endpoints.quiet.cancelled.get() == 1,
        () -> "the quiet publisher's subscription was cancelled");
    Probes.eventually(
        WAIT,
        () -> endpoints.broadcaster.subscriberCount() == 0,
        () -> "the broadcast's subscription was cancelled");
    assertEquals(3L, sluice.stats().closed().get(CloseReason.CLIENT), "" + sluice.stats());
    assertEquals(0L, sluice.stats().queuedBytes());
  }

  @Test
  void serverClose_endsEveryResponseAndReleasesEveryStream(SseLoadClient client) throws Exception {
    List<Connection> streams = new ArrayList<>(openOneOfEach(client));
    streams.add(client.request("/production/broadcast").open());
    streams.add(client.request("/production/blocking").open());
    for (Connection c : streams) {
      assertTrue(c.awaitHead(WAIT), c.toString());
    }
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 5, () -> "" + sluice.stats());

    // Fails: SseServer.close() first calls Undertow's ListenerInfo.suspend(), which also closes
    // every open connection, so no stream gets the shutdown event or its last chunk.
    sluice.server().close();

    for (Connection c : streams) {
      assertTrue(c.awaitClosed(WAIT), c.toString());
    }
    assertTrue(
        streams.stream().allMatch(Connection::responseComplete),
        "every response ended with its last chunk: " + streams);
    for (Connection c : streams) {
      assertTrue(c.responseComplete(), "the response ended with its last chunk: " + c);
      assertEquals(SseLoadClient.Closure.EOF, c.closure(), c.toString());
      assertNull(c.error());
    }
    assertEquals(0, sluice.stats().openStreams());
    assertEquals(5L, sluice.stats().closed().get(CloseReason.SHUTDOWN), "" + sluice.stats());
    assertEquals(2, endpoints.streamsClosed.get(), "every Stream's onClose ran");
    assertEquals(1, endpoints.quiet.cancelled.get());
    assertEquals(0, endpoints.broadcaster.subscriberCount());
  }
}
