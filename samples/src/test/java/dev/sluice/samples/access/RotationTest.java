package dev.sluice.samples.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseServer;
import dev.sluice.SseStats.CloseReason;
import dev.sluice.client.EventStream;
import dev.sluice.client.SseClient;
import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code maxStreamAge}: a stream ends gracefully once it is that old, after its pending events and
 * a retry hint; a broadcast's client comes back with its last id and misses nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RotationTest {
  private static final Duration AGE = Duration.ofMillis(300);

  private final RotationEndpoints endpoints = new RotationEndpoints();

  @RegisterExtension final SluiceExtension sluice = SluiceExtension.serving(endpoints);

  private void start(Duration age) {
    sluice.server(server -> server.maxStreamAge(age)).start();
  }

  private String readToTheEnd(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        client.send(Http.request(sluice.port(), path).GET().build(), BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (InputStream body = response.body()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void broadcastStream_endsAfterItsAge_withItsEventsThenARetryHint() throws Exception {
    start(AGE);
    String beforeId = endpoints.feed.publish("before").id();
    String firstId = endpoints.feed.publish("first").id();
    long opened = System.nanoTime();

    String body = readToTheEnd("/rotation/feed?lastEventId=" + beforeId);
    long lasted = System.nanoTime() - opened;

    assertTrue(lasted >= AGE.toNanos(), "ended after " + Duration.ofNanos(lasted));
    assertEquals("id: " + firstId + "\ndata: first\n\nretry: 1000\n\n", body);
    Http.eventually(
        () -> sluice.stats().closed().get(CloseReason.ROTATED) == 1,
        () -> sluice.stats().toString());
  }

  @Test
  void blockingStream_isRotatedToo_itsThreadStoppedAndItsEventsWrittenFirst() throws Exception {
    start(AGE);

    String body = readToTheEnd("/rotation/ticks");

    assertTrue(body.startsWith("data: tick\n\n"), body);
    assertTrue(body.endsWith("data: tick\n\nretry: 1000\n\n"), body);
    Http.eventually(
        () ->
            sluice.stats().closed().get(CloseReason.ROTATED) == 1
                && sluice.stats().openStreams() == 0,
        () -> sluice.stats().toString());
  }

  @Test
  void broadcastClient_reconnectsAfterEachRotation_andMissesNothing() throws Exception {
    start(Duration.ofMillis(200));
    int count = 60;
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int i = 1; i <= count; i++) {
                  endpoints.feed.publish("event " + i);
                  Thread.sleep(40); // 2.4 s in all: over the age and the retry delay at least once
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "rotation-test-publisher");
    SseClient client = sluice.client();
    List<String> received = new ArrayList<>();
    try (EventStream<String> events = client.events("/rotation/feed", String.class).awaitOpen()) {
      publisher.start();
      received.addAll(events.take(count));
    } finally {
      publisher.interrupt();
      publisher.join(10_000);
    }

    assertEquals(
        IntStream.rangeClosed(1, count).mapToObj(i -> "event " + i).collect(Collectors.toList()),
        received);
    assertTrue(sluice.stats().closed().get(CloseReason.ROTATED) >= 1, sluice.stats().toString());
  }

  @Test
  void negativeAge_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SseServer.builder().maxStreamAge(Duration.ofSeconds(-1)));
  }
}
