package dev.sluice.client;

import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints the client reads in its end-to-end tests, compiled by the real processor. */
public class ClientEndpoints {
  /** The Last-Event-ID each request to /counter came with ("" for none), in order. */
  final BlockingQueue<String> counterRequests = new LinkedBlockingQueue<>();

  /** What /heartbeats sends. */
  final SubmissionPublisher<String> later = new SubmissionPublisher<>();

  @SseEndpoint("/text")
  public Stream<String> text() {
    return Stream.of("one", "two\nlines", " leading space", "", "😀 ünï");
  }

  @SseEndpoint("/points")
  public Stream<Point> points() {
    return Stream.of(new Point(1, 2), new Point(3, 4));
  }

  @SseEndpoint("/lists")
  public Stream<List<Point>> lists() {
    return Stream.of(List.of(new Point(1, 2), new Point(3, 4)));
  }

  @SseEndpoint("/named")
  public Stream<SseEvent<Point>> named() {
    return Stream.of(
        SseEvent.builder().data(new Point(5, 6)).event("moved").id("7").build(),
        SseEvent.<Point>builder().comment("not an event").build(),
        SseEvent.builder().data(new Point(7, 8)).build());
  }

  @SseEndpoint("/chat")
  public Stream<ChatEvent> chat() {
    return Stream.of(
        new ChatEvent.Joined("ada"), new ChatEvent.Said("ada", "hi"), new ChatEvent.Left("ada"));
  }

  /** A sealed class's own instance, and its subclass's: each sent with its own name. */
  @SseEndpoint("/notices")
  public Stream<Notice> notices() {
    return Stream.of(new Notice("a"), new Notice.Urgent("b"), new Notice("c"));
  }

  /** A chat event, then one the sealed type has no name for. */
  @SseEndpoint("/chat-and-other")
  public Stream<SseEvent<ChatEvent>> chatAndOther() {
    ChatEvent joined = new ChatEvent.Joined("bo");
    ChatEvent left = new ChatEvent.Left("bo");
    return Stream.of(SseEvent.of(joined), SseEvent.builder().data(left).event("gone").build());
  }

  /**
   * Three events numbered on from the Last-Event-ID, then the end; the first tells the client to
   * reconnect after 10 ms.
   */
  @SseEndpoint("/counter")
  public Stream<SseEvent<String>> counter(@LastEventId Optional<String> lastEventId) {
    counterRequests.add(lastEventId.orElse(""));
    int after = lastEventId.map(Integer::parseInt).orElse(0);
    return IntStream.rangeClosed(after + 1, after + 3)
        .mapToObj(
            i -> {
              SseEvent.Builder<String> event = SseEvent.<String>builder().data("e" + i).id("" + i);
              return (i == after + 1 ? event.retry(Duration.ofMillis(10)) : event).build();
            });
  }

  /** Two events, then, to the reconnect that resumes after them, 204: stop. */
  @SseEndpoint("/stops")
  public Stream<SseEvent<String>> stops(@LastEventId Optional<String> lastEventId) {
    if (lastEventId.isPresent()) {
      throw new SseStatusException(204, "");
    }
    return Stream.of(
        SseEvent.<String>builder().data("a").id("1").retry(Duration.ofMillis(10)).build(),
        SseEvent.<String>builder().data("b").id("2").build());
  }

  @SseEndpoint("/echo-id")
  public Stream<String> echoId(@LastEventId Optional<String> lastEventId) {
    return Stream.of(lastEventId.orElse("(none)"));
  }

  /** "first", then silence: not even heartbeats. */
  @SseEndpoint(value = "/held", heartbeat = "PT0S")
  public Flow.Publisher<String> held() {
    return new FirstThenSilence("first");
  }

  /** What the test publishes to {@link #later}, and heartbeats every 50 ms. */
  @SseEndpoint(value = "/heartbeats", heartbeat = "PT0.05S")
  public Flow.Publisher<String> heartbeats() {
    return later;
  }

  @SseEndpoint("/endless")
  public Stream<String> endless() {
    return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "event-" + i);
  }

  @SseEndpoint("/refuses")
  public Stream<String> refuses() {
    throw new SseStatusException(403, "Not for you");
  }

  @SseEndpoint("/fails")
  public Stream<String> fails() {
    throw new IllegalStateException("boom");
  }
}
