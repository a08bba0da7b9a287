package dev.sluice.samples.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.client.EventStream;
import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import dev.sluice.client.SseResponseException;
import dev.sluice.samples.Quote;
import dev.sluice.samples.Tick;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Endpoints returning Reactor, RxJava 3 and Mutiny types and a SubmissionPublisher subclass, read
 * back over a real socket with sluice-client; a client that leaves cancels the source.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReactiveEndpointsTest {
  /** How long a source may take to see its cancel: only a bound on a hang, never a measure. */
  private static final long CANCEL_WAIT_SECONDS = 20;

  private final ReactiveEndpoints endpoints = new ReactiveEndpoints();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.serving(endpoints)
          .client(client -> client.reconnect(false).timeout(Duration.ofSeconds(20)));

  @AfterEach
  void closeTicks() {
    endpoints.ticks.close();
  }

  private static void assertCancelled(CountDownLatch cancelled, String source)
      throws InterruptedException {
    assertTrue(
        cancelled.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS),
        source + " was not cancelled after the client left");
  }

  @Test
  void flux_sendsEachElementAsJsonAndEnds(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/flux/ACME?n=3", Quote.class)) {
      assertEquals(
          List.of(new Quote("ACME", 101), new Quote("ACME", 102), new Quote("ACME", 103)),
          quotes.toList());
    }
  }

  @Test
  void flux_isCancelledWhenTheClientLeaves(SseClient client) throws InterruptedException {
    try (EventStream<Long> numbers = client.events("/flux-endless", Long.class)) {
      assertEquals(List.of(0L, 1L, 2L), numbers.take(3));
      assertEquals(1, endpoints.fluxCancelled.getCount(), "cancelled while the client reads");
    }
    assertCancelled(endpoints.fluxCancelled, "the Flux");
  }

  /** As for a Flow.Publisher: a failure before the first event is an answer, not a stream. */
  @Test
  void fluxFailingAtOnce_isAnswered500(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/flux-failing", Quote.class)) {
      SseResponseException e = assertThrows(SseResponseException.class, quotes::next);
      assertEquals(500, e.statusCode());
    }
  }

  @Test
  void nullFlux_isAnswered500(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/flux-null", Quote.class)) {
      SseResponseException e = assertThrows(SseResponseException.class, quotes::next);
      assertEquals(500, e.statusCode());
    }
  }

  @Test
  void mono_isOneEventThenTheEnd(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/mono", Quote.class)) {
      assertEquals(List.of(new Quote("ACME", 101.5)), quotes.toList());
    }
  }

  @Test
  void emptyMono_endsWithoutAnEvent(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/mono?empty=true", Quote.class)) {
      assertEquals(List.of(), quotes.toList());
    }
  }

  @Test
  void flowable_sendsSseEventsWithTheirNamesAndIds(SseClient client) {
    try (EventStream<MessageEvent<Quote>> quotes =
        client.request("/flowable").messages(Quote.class)) {
      assertEquals(
          List.of(
              new MessageEvent<>("quote", new Quote("GLOBEX", 51), "1"),
              new MessageEvent<>("quote", new Quote("GLOBEX", 52), "2"),
              new MessageEvent<>("quote", new Quote("GLOBEX", 53), "3")),
          quotes.toList());
    }
  }

  @Test
  void flowable_isCancelledWhenTheClientLeaves(SseClient client) throws InterruptedException {
    try (EventStream<Long> numbers = client.events("/flowable-endless", Long.class)) {
      assertEquals(List.of(0L, 1L, 2L), numbers.take(3));
    }
    assertCancelled(endpoints.flowableCancelled, "the Flowable");
  }

  @Test
  void multi_sendsEachElementAndEnds(SseClient client) {
    try (EventStream<Quote> quotes = client.events("/multi", Quote.class)) {
      assertEquals(List.of(new Quote("INITECH", 7), new Quote("INITECH", 8)), quotes.toList());
    }
  }

  @Test
  void multi_isCancelledWhenTheClientLeaves(SseClient client) throws InterruptedException {
    try (EventStream<Long> numbers = client.events("/multi-endless", Long.class)) {
      assertEquals(List.of(0L, 1L, 2L), numbers.take(3));
    }
    assertCancelled(endpoints.multiCancelled, "the Multi");
  }

  @Test
  void submissionPublisherSubclass_deliversWhatIsSubmittedAndLosesTheSubscriberWhoLeaves(
      SseClient client) throws InterruptedException {
    try (EventStream<Tick> ticks = client.events("/ticks", Tick.class).awaitOpen()) {
      assertEquals(1, endpoints.ticks.getNumberOfSubscribers());
      for (long seq = 1; seq <= 3; seq++) {
        endpoints.ticks.submit(new Tick(seq, 1_000 * seq));
      }
      assertEquals(
          List.of(new Tick(1, 1_000), new Tick(2, 2_000), new Tick(3, 3_000)), ticks.take(3));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CANCEL_WAIT_SECONDS);
    while (endpoints.ticks.getNumberOfSubscribers() != 0) {
      assertTrue(System.nanoTime() < deadline, "the SubmissionPublisher kept its subscriber");
      Thread.sleep(10);
    }
  }
}
