package dev.sluice.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SlowClientPolicy;
import dev.sluice.SseBroadcaster;
import dev.sluice.SseStats;
import dev.sluice.samples.replay.ReplayEndpoints;
import dev.sluice.samples.replay.ResumingClients;
import dev.sluice.test.SluiceExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@link SseBroadcaster} behind a real server, read by clients that hang up and come back with
 * {@code Last-Event-ID}: what they missed is replayed from the history, exactly once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplayTest {
  private static final int CLIENTS = 1_000;
  private static final int EVENTS = 2_000;

  /** A steady rate: the whole broadcast takes about 6 seconds. */
  private static final long PUBLISH_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(3_000);

  private final SseBroadcaster<String> feed =
      SseBroadcaster.<String>builder().history(EVENTS + 10, Duration.ofMinutes(5)).build();
  // A history this small needs a policy of its own: the default allows 512 behind.
  private final SseBroadcaster<String> shortFeed =
      SseBroadcaster.<String>builder()
          .history(3, Duration.ofMinutes(5))
          .slowClients(SlowClientPolicy.disconnect(3, Duration.ofSeconds(10)))
          .build();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(new ReplayEndpoints(feed, shortFeed))
          .server(server -> server.shutdownTimeout(Duration.ofSeconds(2)))
          .http(http -> http.version(HttpClient.Version.HTTP_1_1));

  /**
   * Bare, a stream's subscription is delivered to by its I/O thread; behind a user's operator, by a
   * worker: either way no event is lost, repeated or reordered.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/replay/feed", "/replay/feed-through-operator"})
  void clientsThatHangUpAndResume_getEveryEventExactlyOnceInOrder(String path) throws Exception {
    long seed = System.nanoTime();
    Thread publisher =
        new Thread(
            () -> {
              long start = System.nanoTime();
              for (int i = 0; i < EVENTS; i++) {
                long due = start + i * PUBLISH_INTERVAL_NANOS;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                  LockSupport.parkNanos(wait);
                }
                feed.publish("e-" + i);
              }
            },
            "replay-publisher");
    publisher.setDaemon(true);

    ResumingClients clients = new ResumingClients(sluice.port(), path, CLIENTS, EVENTS, 3, seed);
    try {
      clients.start();
      // A first stream has no Last-Event-ID and so gets only live events: open them all first.
      assertTrue(clients.awaitFirstResponses(30, TimeUnit.SECONDS), "streams not opened");
      waitFor(() -> feed.subscriberCount() == CLIENTS, 10, "subscribers: " + CLIENTS);

      publisher.start();
      boolean done = clients.awaitDone(60, TimeUnit.SECONDS);

      List<String> failures =
          clients.clients().stream()
              .filter(c -> c.failure() != null)
              .map(ResumingClients.Client::failure)
              .collect(Collectors.toList());
      assertEquals(
          List.of(),
          failures.stream().limit(10).collect(Collectors.toList()),
          failures.size() + " clients got a wrong event (seed " + seed + ")");
      assertEquals(List.of(), clients.loopErrors());
      List<ResumingClients.Client> unfinished =
          clients.clients().stream().filter(c -> !c.isDone()).collect(Collectors.toList());
      assertTrue(
          done && unfinished.isEmpty(),
          unfinished.size()
              + " clients unfinished, e.g. "
              + unfinished.stream().limit(5).collect(Collectors.toList())
              + " (seed "
              + seed
              + ")");
      int cuts = clients.clients().stream().mapToInt(c -> c.cutAfter().length).sum();
      assertTrue(
          clients.connections() >= CLIENTS + cuts,
          "connections " + clients.connections() + ", expected at least " + (CLIENTS + cuts));
    } finally {
      clients.close();
      publisher.join(30_000);
    }
    // The clients hung up: every stream is closed and unsubscribed.
    waitFor(() -> feed.subscriberCount() == 0, 10, "no subscribers");
    waitFor(() -> sluice.stats().openStreams() == 0, 10, "no open streams");
    SseStats stats = sluice.stats();
    assertEquals(0, stats.eventsDropped(), stats.toString());
  }

  @Test
  void idOlderThanTheHistory_getsHistoryLostFirst_thenLive() throws Exception {
    String lost = shortFeed.publish("e-0").id();
    String newest = null;
    for (int i = 1; i < 10; i++) {
      newest = shortFeed.publish("e-" + i).id();
    }
    HttpClient client = sluice.httpClient();
    HttpRequest request = sluice.request("/replay/short").header("Last-Event-ID", lost).build();
    HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (InputStream in = response.body()) {
      EventReader events = new EventReader(in);
      // The exact bytes: the id of the newest event, so that the client's next reconnect
      // resumes after it; the event name; and the lost id as a JSON string.
      assertEquals(
          "id: " + newest + "\nevent: sluice-history-lost\ndata: \"" + lost + "\"\n\n",
          events.next());

      String live = shortFeed.publish("e-10").id();
      assertNotNull(live);
      assertEquals("id: " + live + "\ndata: e-10\n\n", events.next());
    }
    // Reconnecting with the notice's id (what a browser sends next) resumes: no second notice.
    HttpResponse<InputStream> again =
        client.send(
            HttpRequest.newBuilder(request.uri())
                .header("Last-Event-ID", newest)
                .timeout(Duration.ofSeconds(10))
                .build(),
            BodyHandlers.ofInputStream());
    try (InputStream in = again.body()) {
      assertTrue(new EventReader(in).next().endsWith("\ndata: e-10\n\n"));
    }
    waitFor(() -> shortFeed.subscriberCount() == 0, 10, "the stream closed with its client");
  }

  private static void waitFor(
      java.util.function.BooleanSupplier condition, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }
}
