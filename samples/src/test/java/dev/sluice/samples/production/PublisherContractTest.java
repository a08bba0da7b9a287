package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server as a Reactive Streams subscriber: request and cancel serial, silent after the end. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublisherContractTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  // A small buffer: demand is renewed after nearly every write, as often as it can be.
  @RegisterExtension
  final SluiceExtension sluice =
      Servers.serving(endpoints).server(server -> server.maxBufferedBytes(64));

  @Test
  void publisherEmittingFromItsOwnThread_seesSerialRequestsAndNoneAfterItCompleted(
      SseLoadClient client) throws Exception {
    Connection reader = client.request("/hardening/contract").open();
    assertTrue(reader.awaitEnd(WAIT), reader.toString());
    assertEquals(200, reader.status(), reader.toString());
    assertEquals(2_000, reader.eventCount(), reader.toString());
    assertTrue(reader.responseComplete(), reader.toString());

    ContractCheckingPublisher publisher = endpoints.contract;
    assertTrue(
        publisher.requests.get() > 100,
        "demand renewed " + publisher.requests.get() + " times: too few to prove anything");
    assertEquals(0, publisher.overlappingCalls.get(), "request/cancel overlapped (rule 2.7)");
    Thread.sleep(200); // a request still on its way would arrive now
    assertEquals(0, publisher.callsAfterCompletion.get(), "called after onComplete (rule 2.4)");
  }
}
