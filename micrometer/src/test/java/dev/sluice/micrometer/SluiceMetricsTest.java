package dev.sluice.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.SseServer;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.SseStats.Refusal;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import dev.sluice.client.SseResponseException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The binder against a real server, read through a SimpleMeterRegistry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SluiceMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private SseServer server;
  private SseClient client;

  @BeforeEach
  void start() {
    server = SseServer.builder().port(0).register(new MetricsEndpoints()).start();
    client =
        SseClient.builder()
            .reconnect(false)
            .baseUri(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .build();
    new SluiceMetrics(server, Tags.of("server", "test")).bindTo(registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void openStreams_areCountedByPathTemplate_neverByRawPath() {
    try (EventStream<String> lobby = client.events("/rooms/lobby", String.class);
        EventStream<String> kitchen = client.events("/rooms/kitchen", String.class)) {
      assertEquals("welcome to lobby", lobby.next());
      assertEquals("welcome to kitchen", kitchen.next());

      await(() -> gauge("sluice.streams.open", "endpoint", "/rooms/{room}") == 2);
      Set<String> endpointTags =
          registry.getMeters().stream()
              .map(meter -> meter.getId().getTag("endpoint"))
              .filter(tag -> tag != null)
              .collect(Collectors.toSet());
      assertEquals(Set.of("/rooms/{room}"), endpointTags);
    }
  }

  @Test
  void traffic_andCloses_areCounted() {
    try (EventStream<String> lobby = client.events("/rooms/lobby", String.class)) {
      assertEquals("welcome to lobby", lobby.next());
      await(() -> counter("sluice.events.sent") == 1);
      assertTrue(counter("sluice.bytes.sent") >= "data: welcome to lobby\n\n".length());
      await(() -> counter("sluice.heartbeats.sent") >= 1);
    }
    await(() -> counter("sluice.streams.closed", "reason", "client") == 1);
    await(() -> gauge("sluice.streams.open", "endpoint", "/rooms/{room}") == 0);
    assertEquals(0, counter("sluice.streams.closed", "reason", "completed"));
    assertEquals(0, gauge("sluice.bytes.queued"), "nothing waits once the stream is gone");
  }

  @Test
  void refusals_areCountedByCause() {
    try (EventStream<String> missing = client.events("/nowhere", String.class)) {
      assertEquals(404, assertThrows(SseResponseException.class, missing::next).statusCode());
    }
    await(() -> counter("sluice.requests.refused", "cause", "not_found") == 1);
    assertEquals(0, counter("sluice.requests.refused", "cause", "server_limit"));
  }

  @Test
  void everyReasonAndCause_isThereFromTheStart_atZero() {
    Collection<Meter> closed = registry.find("sluice.streams.closed").meters();
    Collection<Meter> refused = registry.find("sluice.requests.refused").meters();
    assertEquals(CloseReason.values().length, closed.size());
    assertEquals(Refusal.values().length, refused.size());
    assertEquals(
        0,
        registry.find("sluice.streams.closed").functionCounters().stream()
            .mapToDouble(c -> c.count())
            .sum());
  }

  @Test
  void everyMeter_carriesTheBindersTags() {
    List<Meter> meters = registry.getMeters();
    assertFalse(meters.isEmpty());
    for (Meter meter : meters) {
      assertEquals("test", meter.getId().getTag("server"), meter.getId().toString());
    }
  }

  @Test
  void meters_keepReading_whenNothingElseHoldsTheBinder() {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    new SluiceMetrics(server).bindTo(own); // not kept anywhere but in the meters
    System.gc();
    double sent = own.get("sluice.events.sent").functionCounter().count();
    assertFalse(Double.isNaN(sent), "a collected binder would read NaN");
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  /** Reads the registry until {@code condition} holds; the bound only limits a failure. */
  private void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      // Reading any meter reads the stats, which registers endpoints seen for the first time.
      registry.get("sluice.events.sent").functionCounter().count();
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (MeterNotFoundException notYet) {
        // the endpoint's gauge appears at the next read
      }
      if (System.nanoTime() > deadline) {
        fail("Meters did not get there within 20 s: " + server.stats());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }
}
