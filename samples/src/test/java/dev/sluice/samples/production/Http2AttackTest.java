package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseStats.Refusal;
import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One HTTP/2 connection that asks for far more than its share: more streams than it may hold at
 * once, or streams opened and reset as fast as it can send frames (rapid reset). It gets its share
 * and no more, and the other clients are served throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2AttackTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int PER_CONNECTION = 100; // the default

  private final HardeningEndpoints endpoints = new HardeningEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  @Test
  void connectionAskingForMoreStreamsThanAdvertised_getsItsCapAndTheRestAre429(SseLoadClient client)
      throws Exception {
    int asked = PER_CONNECTION + 50;
    try (RawHttp2 greedy = RawHttp2.connect(sluice.port())) {
      assertEquals(PER_CONNECTION, greedy.advertisedMaxConcurrentStreams(), greedy.toString());
      List<Integer> streams = new ArrayList<>();
      for (int i = 0; i < asked; i++) {
        streams.add(greedy.openStream("/hardening/quiet"));
      }
      Connection other = client.request("/hardening/quiet").open();
      assertTrue(other.awaitEvents(1, WAIT), "another client is served: " + other);

      int served = 0;
      int refused = 0;
      for (int stream : streams) {
        assertTrue(greedy.awaitOutcome(stream, WAIT), greedy.toString());
        Integer status = greedy.status(stream);
        served += status != null && status == 200 ? 1 : 0;
        refused += status != null && status == 429 ? 1 : 0;
      }
      assertEquals(PER_CONNECTION, served, greedy.toString());
      assertEquals(asked - PER_CONNECTION, refused, greedy.toString());
      assertEquals(PER_CONNECTION + 1, sluice.stats().openStreams(), "" + sluice.stats());
      assertEquals(
          (long) asked - PER_CONNECTION,
          sluice.stats().refused().get(Refusal.CONNECTION_LIMIT),
          "" + sluice.stats());

      // A stream that ends gives its place on the connection back.
      greedy.reset(streams.get(0));
      Probes.eventually(
          WAIT, () -> sluice.stats().openStreams() == PER_CONNECTION, () -> "" + sluice.stats());
      int again = greedy.openStream("/hardening/quiet");
      assertTrue(greedy.awaitOutcome(again, WAIT), greedy.toString());
      assertEquals(200, greedy.status(again), greedy.toString());
    }
    // The connection's streams end with it.
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 1, () -> "" + sluice.stats());
  }

  @Test
  void rapidResetOnEventStreams_isCutOffAndOthersAreServed(SseLoadClient client) throws Exception {
    Connection other = client.request("/hardening/pace").open();
    assertTrue(other.awaitHead(WAIT), other.toString());
    Probes.eventually(WAIT, () -> endpoints.pace.subscriberCount() == 1, () -> "subscribed");
    int pairs = 0;
    try (RawHttp2 attacker = RawHttp2.connect(sluice.port())) {
      long started = System.nanoTime();
      while (!attacker.awaitClosed(Duration.ZERO)
          && pairs < 5_000
          && System.nanoTime() - started < WAIT.toNanos()) {
        try {
          attacker.reset(attacker.openStream("/hardening/quiet"));
        } catch (java.io.IOException closed) {
          break;
        }
        pairs++;
        if (pairs % 100 == 0) {
          endpoints.pace.publish("still here after " + pairs);
          Thread.sleep(5);
        }
      }
      assertTrue(attacker.awaitClosed(WAIT), "after " + pairs + " open+reset: " + attacker);
    }
    int opened = endpoints.quietOpened.get();
    // Each stream the attack got to open called the endpoint; past the bound, none did.
    assertTrue(opened <= 200 + PER_CONNECTION, opened + " streams opened for " + pairs + " pairs");
    assertTrue(sluice.stats().refused().get(Refusal.RESET_FLOOD) > 0, "" + sluice.stats());
    endpoints.pace.publish("after the attack");
    assertTrue(
        other.await(
            c -> c.events().stream().anyMatch(e -> e.data().equals("after the attack")), WAIT),
        other.toString());
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 1, () -> "" + sluice.stats());
    System.out.printf(
        "rapid reset: connection closed after %d open+reset pairs; %d streams" + " opened; %s%n",
        pairs, opened, sluice.stats().refused());
  }
}
