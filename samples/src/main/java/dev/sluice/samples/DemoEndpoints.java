package dev.sluice.samples;

import dev.sluice.SseEvent;
import dev.sluice.SseStatusException;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.PathParam;
import dev.sluice.annotation.QueryParam;
import dev.sluice.annotation.SseEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The demo's endpoints: one of each kind a new user is likely to write first. */
public class DemoEndpoints {
  private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH"};
  private static final Duration MIN_PERIOD = Duration.ofMillis(1);

  private final ScheduledExecutorService scheduler;

  public DemoEndpoints(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** "Hello, world!" once a second until the client leaves; a blocking Stream on its thread. */
  @SseEndpoint("/events")
  public Stream<String> hello() {
    return Stream.iterate(0L, i -> i + 1)
        .map(
            i -> {
              if (i > 0) {
                pause(Duration.ofSeconds(1));
              }
              return "Hello, world!";
            });
  }

  /** A record sent as JSON, from a Flow.Publisher. */
  @SseEndpoint("/ticks")
  public Flow.Publisher<Tick> ticks(@QueryParam("every") Optional<Duration> every) {
    return new Interval<>(
        scheduler, period(every), seq -> new Tick(seq, System.currentTimeMillis()));
  }

  /**
   * Typed events with a name, an id and a retry; a reconnecting client resumes after the id it saw
   * last.
   */
  @SseEndpoint("/quotes")
  public Flow.Publisher<SseEvent<Quote>> quotes(@LastEventId Optional<String> lastEventId) {
    long first = lastEventId.map(DemoEndpoints::nextSeq).orElse(0L);
    return new Interval<>(
        scheduler,
        Duration.ofMillis(500),
        i -> {
          long seq = first + i;
          String symbol = SYMBOLS[(int) (seq % SYMBOLS.length)];
          double price = 100 + 10 * Math.sin(seq / 10.0);
          return SseEvent.builder()
              .data(new Quote(symbol, Math.round(price * 100) / 100.0))
              .event("quote")
              .id(Long.toString(seq))
              .retry(Duration.ofSeconds(2))
              .build();
        });
  }

  /** A path parameter: counts down from {from} to liftoff, then the event stream ends. */
  @SseEndpoint("/countdown/{from}")
  public Stream<String> countdown(
      @PathParam("from") int from, @QueryParam("every") Optional<Duration> every) {
    if (from < 0 || from > 1000) {
      throw new SseStatusException(404, "Countdowns go from 0 to 1000, not " + from);
    }
    Duration pause = period(every);
    return Stream.concat(
        LongStream.rangeClosed(0, from)
            .mapToObj(
                i -> {
                  if (i > 0) {
                    pause(pause);
                  }
                  return Long.toString(from - i);
                }),
        Stream.of("Liftoff!"));
  }

  /** The {@code every} parameter, a second by default; 400 when it is not a usable period. */
  private static Duration period(Optional<Duration> every) {
    Duration period = every.orElse(Duration.ofSeconds(1));
    if (period.compareTo(MIN_PERIOD) < 0) {
      throw new SseStatusException(400, "every must be at least " + MIN_PERIOD + ", not " + period);
    }
    return period;
  }

  private static long nextSeq(String lastEventId) {
    try {
      return Long.parseLong(lastEventId) + 1;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Sleeps; an interrupt (the client left) ends the event stream. */
  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: the client left", e);
    }
  }
}
