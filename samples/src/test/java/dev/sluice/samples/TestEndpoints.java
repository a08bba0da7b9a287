package dev.sluice.samples;

import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.HeaderParam;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints for the end-to-end tests, compiled by the real processor. */
public class TestEndpoints {
  final CountDownLatch blockingStreamClosed = new CountDownLatch(1);
  final ListPublisher<String> hanging = new ListPublisher<>(List.of("first"), null, true);
  volatile String streamThread;

  @SseEndpoint("/text")
  public Stream<String> text() {
    return Stream.of("one", "two\nlines", " leading space", "", "😀 ünï");
  }

  @SseEndpoint("/json")
  public Flow.Publisher<Point> json() {
    return ListPublisher.of(List.of(new Point(1, 2), new Point(3, 4)));
  }

  @SseEndpoint("/generic")
  public Stream<List<Point>> generic() {
    return Stream.of(List.of(new Point(1, 2), new Point(3, 4)));
  }

  @SseEndpoint("/typed")
  public Stream<SseEvent<Point>> typed() {
    return Stream.of(
        SseEvent.builder()
            .data(new Point(5, 6))
            .event("moved")
            .id("7")
            .retry(Duration.ofSeconds(3))
            .build(),
        SseEvent.<Point>builder().comment("keep\nalive").build());
  }

  @SseEndpoint("/typed-text")
  public Flow.Publisher<SseEvent<String>> typedText() {
    return ListPublisher.of(
        List.of(
            SseEvent.builder().data("plain").id("1").build(),
            SseEvent.builder().json("quoted").build()));
  }

  @SseEndpoint("/params/{id}")
  public Stream<String> params(
      @PathParam("id") UUID id,
      @QueryParam("n") int n,
      @QueryParam("color") Optional<Color> color,
      @QueryParam("every") Optional<Duration> every,
      @HeaderParam("X-Token") String token,
      @LastEventId String lastEventId) {
    return Stream.of(
        id
            + " "
            + n
            + " "
            + color.map(Color::name).orElse("none")
            + " "
            + every.map(Duration::toString).orElse("none")
            + " "
            + token
            + " "
            + lastEventId);
  }

  @SseEndpoint("/rooms/{room}")
  public Stream<String> room(@PathParam("room") String room) {
    return Stream.of("room " + room);
  }

  @SseEndpoint("/rooms/lobby")
  public Stream<String> lobby() {
    return Stream.of("the lobby");
  }

  @SseEndpoint("/blocking")
  public Stream<String> blocking() {
    streamThread = Thread.currentThread().getName();
    BlockingQueue<String> never = new LinkedBlockingQueue<>();
    return Stream.concat(
            Stream.of("first"),
            Stream.generate(
                () -> {
                  try {
                    return never.take();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                }))
        .onClose(blockingStreamClosed::countDown);
  }

  @SseEndpoint("/hanging")
  public Flow.Publisher<String> hanging() {
    return hanging;
  }

  @SseEndpoint("/burst")
  public Stream<String> burst(@QueryParam("n") int n) {
    return IntStream.range(0, n).mapToObj(i -> "event-" + i);
  }

  @SseEndpoint("/fails")
  public Stream<String> fails() {
    throw new IllegalStateException("boom: a secret the client must not see");
  }

  @SseEndpoint("/refuses")
  public Stream<String> refuses() {
    throw new SseStatusException(403, "Not for you");
  }

  @SseEndpoint("/fails-midway")
  public Flow.Publisher<String> failsMidway() {
    return new ListPublisher<>(List.of("before"), new IllegalStateException("midway"), false);
  }
}
