package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.Refusal;
import dev.sluice.samples.production.HardeningEndpoints.Fragile;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.samples.production.SseLoadClient.Event;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Endpoints that fail in the ways that used to leak a stream's place, hang a client or start a
 * reconnect storm: each failure gets its answer, and the server's places are all given back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EndpointFailuresTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int MAX_STREAMS = 4;

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints).server(server -> server.maxStreams(MAX_STREAMS));

  @Test
  void publisherThatFailsInItsFirstRequest_gets500NotAnEmpty200(SseLoadClient client)
      throws Exception {
    assertAnswered500(client, "/hardening/fails-at-once");
    assertAnswered500(client, "/hardening/subscribe-throws");
    assertEquals(2L, sluice.stats().refused().get(Refusal.ENDPOINT_ERROR), "" + sluice.stats());
  }

  @Test
  void publisherThatCompletesWithoutAnEvent_isAnEmpty200(SseLoadClient client) throws Exception {
    Connection empty = client.request("/hardening/empty").open();
    assertTrue(empty.awaitEnd(WAIT), empty.toString());
    assertEquals(200, empty.status(), empty.toString());
    assertEquals(0, empty.eventCount());
    assertTrue(empty.responseComplete(), empty.toString());
  }

  @Test
  void errorFromAnEndpoint_gets500AndGivesItsPlaceBack(SseLoadClient client) throws Exception {
    // More failures than the server has places: a leaked place would turn the rest into 503s.
    for (int i = 0; i < 3 * MAX_STREAMS; i++) {
      assertAnswered500(client, "/hardening/error");
      assertAnswered500(client, "/hardening/fails-at-once");
    }
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 0, () -> "" + sluice.stats());
    Connection healthy = client.request("/hardening/fragile").open();
    assertTrue(healthy.awaitHead(WAIT), healthy.toString());
    assertEquals(200, healthy.status(), healthy.toString());
    assertEquals(0L, sluice.stats().refused().get(Refusal.SERVER_LIMIT), "" + sluice.stats());
  }

  @Test
  void broadcastEventThatCannotBeEncoded_isSkippedAndEveryStreamGoesOn(SseLoadClient client)
      throws Exception {
    List<Connection> readers = client.request("/hardening/fragile").open(3);
    for (Connection c : readers) {
      assertTrue(c.awaitHead(WAIT), c.toString());
    }
    Probes.eventually(WAIT, () -> endpoints.fragile.subscriberCount() == 3, () -> "subscribed");

    endpoints.fragile.publish(new Fragile("before"));
    endpoints.fragile.publish(new Fragile("poison"));
    endpoints.fragile.publish(new Fragile("after"));

    for (Connection c : readers) {
      assertTrue(c.awaitEvents(2, WAIT), c.toString());
      assertEquals(List.of("{\"text\":\"before\"}", "{\"text\":\"after\"}"), data(c));
      assertFalse(c.ended(), "the stream goes on, no reconnect: " + c);
    }
    assertEquals(3L, sluice.stats().eventsUnencodable(), "" + sluice.stats());
    assertEquals(3, sluice.stats().openStreams(), "" + sluice.stats());
  }

  private static void assertAnswered500(SseLoadClient client, String path)
      throws InterruptedException {
    Connection failed = client.request(path).open();
    assertTrue(failed.awaitEnd(WAIT), failed.toString());
    assertEquals(500, failed.status(), failed.toString());
    assertEquals("Internal Server Error\n", failed.text(), "no details to the client");
  }

  private static List<String> data(Connection c) {
    return c.events().stream().map(Event::data).collect(Collectors.toList());
  }
}
