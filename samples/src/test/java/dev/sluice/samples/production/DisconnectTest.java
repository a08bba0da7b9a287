package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseServer;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.samples.production.SseLoadClient.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whoever ends a stream, client or server, everything the stream held is released. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DisconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final LifecycleEndpoints endpoints = new LifecycleEndpoints();
  private SseServer server;
  private SseLoadClient client;

  @BeforeEach
  void start() {
    server = SseServer.builder().port(0).register(endpoints).start();
    client = new SseLoadClient(server.port());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** One stream of each kind, each past its first event (the broadcast: subscribed). */
  private List<Connection> openOneOfEach() throws InterruptedException {
    Connection broadcast = client.request("/production/broadcast").open();
    Connection blocking = client.request("/production/blocking").open();
    Connection quiet = client.request("/production/quiet").open();
    assertTrue(blocking.awaitEvents(1, WAIT), blocking.toString());
    assertTrue(quiet.awaitEvents(1, WAIT), quiet.toString());
    assertTrue(broadcast.awaitHead(WAIT), broadcast.toString());
    Probes.eventually(
        WAIT, () -> endpoints.broadcaster.subscriberCount() == 1, () -> "broadcast subscribed");
    assertEquals(3, server.stats().openStreams());
    return List.of(broadcast, blocking, quiet);
  }

  @Test
  void clientClose_cancelsThePublisherClosesTheStreamAndFreesTheSlot() throws Exception {
    List<Connection> streams = openOneOfEach();
    streams.get(0).close(); // FIN
    streams.get(1).abort(); // RST
    streams.get(2).close();

    Probes.eventually(WAIT, () -> server.stats().openStreams() == 0, () -> "" + server.stats());
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
    assertEquals(3L, server.stats().closed().get(CloseReason.CLIENT), "" + server.stats());
    assertEquals(0L, server.stats().queuedBytes());
  }

  @Test
  void serverClose_endsEveryResponseAndReleasesEveryStream() throws Exception {
    List<Connection> streams = new ArrayList<>(openOneOfEach());
    streams.add(client.request("/production/broadcast").open());
    streams.add(client.request("/production/blocking").open());
    for (Connection c : streams) {
      assertTrue(c.awaitHead(WAIT), c.toString());
    }
    Probes.eventually(WAIT, () -> server.stats().openStreams() == 5, () -> "" + server.stats());

    // Fails: SseServer.close() first calls Undertow's ListenerInfo.suspend(), which also closes
    // every open connection, so no stream gets the shutdown event or its last chunk.
    server.close();

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
    assertEquals(0, server.stats().openStreams());
    assertEquals(5L, server.stats().closed().get(CloseReason.SHUTDOWN), "" + server.stats());
    assertEquals(2, endpoints.streamsClosed.get(), "every Stream's onClose ran");
    assertEquals(1, endpoints.quiet.cancelled.get());
    assertEquals(0, endpoints.broadcaster.subscriberCount());
  }
}
