package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.CloseReason;
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

/** A failing publisher or Stream ends its own response after whole events, and only its own. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MidStreamErrorTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FailingEndpoints endpoints = new FailingEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  @Test
  void failureAfterTwoItems_endsThatResponseAfterTwoEventsAndLeavesOthersFlowing(
      SseLoadClient client) throws Exception {
    Connection bystander = client.request("/production/errors/bystander").open();
    assertTrue(bystander.awaitHead(WAIT), bystander.toString());
    Probes.eventually(WAIT, () -> endpoints.bystander.subscriberCount() == 1, () -> "subscribed");
    endpoints.bystander.publish("before");

    Connection publisher = client.request("/production/errors/publisher").open();
    Connection stream = client.request("/production/errors/stream").open();
    for (Connection failed : List.of(publisher, stream)) {
      assertTrue(failed.awaitEnd(WAIT), failed.toString());
      assertEquals(200, failed.status());
      assertEquals(List.of("one", "two"), data(failed));
      assertTrue(failed.responseComplete(), "the response ended with its last chunk: " + failed);
    }

    endpoints.bystander.publish("after");
    assertTrue(bystander.awaitEvents(2, WAIT), bystander.toString());
    assertEquals(List.of("before", "after"), data(bystander));
    assertFalse(bystander.ended(), bystander.toString());

    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 1, () -> "" + sluice.stats());
    assertEquals(2L, sluice.stats().closed().get(CloseReason.ERROR), "" + sluice.stats());
  }

  private static List<String> data(Connection c) {
    return c.events().stream().map(Event::data).collect(Collectors.toList());
  }
}
