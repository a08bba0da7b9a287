package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.Refusal;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Past a stream limit a request gets 503 with Retry-After, and the open streams flow on. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StreamLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final LimitEndpoints endpoints = new LimitEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  private List<Connection> openSubscribed(SseLoadClient client, String path, int n)
      throws InterruptedException {
    int before = endpoints.news.subscriberCount();
    List<Connection> streams = client.request(path).open(n);
    for (Connection c : streams) {
      assertTrue(c.awaitHead(WAIT), c.toString());
      assertEquals(200, c.status(), c.toString());
    }
    Probes.eventually(
        WAIT, () -> endpoints.news.subscriberCount() == before + n, () -> "subscribed");
    return streams;
  }

  private static void assertRefused(Connection refused) throws InterruptedException {
    assertTrue(refused.awaitEnd(WAIT), refused.toString());
    assertEquals(503, refused.status(), refused.toString());
    assertEquals("5", refused.header("Retry-After"), refused.toString());
  }

  @Test
  void serverLimit_refusesTheFourthStreamAndTheThreeFlowOn() throws Exception {
    SseLoadClient client =
        sluice.server(server -> server.maxStreams(3)).client(SseLoadClient.class);
    List<Connection> open = openSubscribed(client, "/production/limits/any", 3);

    assertRefused(client.request("/production/limits/any").open());
    assertEquals(1L, sluice.stats().refused().get(Refusal.SERVER_LIMIT), "" + sluice.stats());
    assertEquals(3, sluice.stats().openStreams());

    endpoints.news.publish("after the refusal");
    for (Connection c : open) {
      assertTrue(c.awaitEvents(1, WAIT), c.toString());
      assertEquals("after the refusal", c.events().get(0).data());
      assertTrue(!c.ended(), c.toString());
    }

    // A stream that ends frees its place.
    open.get(0).close();
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 2, () -> "" + sluice.stats());
    // The place is freed on the I/O thread, the subscription cancelled just after on a worker.
    Probes.eventually(WAIT, () -> endpoints.news.subscriberCount() == 2, () -> "cancelled");
    openSubscribed(client, "/production/limits/any", 1);
  }

  @Test
  void endpointLimit_refusesTheThirdStreamOfThatEndpointOnly() throws Exception {
    SseLoadClient client = sluice.client(SseLoadClient.class);
    List<Connection> open = openSubscribed(client, "/production/limits/two", 2);

    assertRefused(client.request("/production/limits/two").open());
    assertEquals(1L, sluice.stats().refused().get(Refusal.ENDPOINT_LIMIT), "" + sluice.stats());
    openSubscribed(client, "/production/limits/any", 1); // the server has room for other endpoints

    endpoints.news.publish("still flowing");
    for (Connection c : open) {
      assertTrue(c.awaitEvents(1, WAIT), c.toString());
    }
    assertEquals(
        Integer.valueOf(2), sluice.stats().openStreamsByEndpoint().get("/production/limits/two"));
  }
}
