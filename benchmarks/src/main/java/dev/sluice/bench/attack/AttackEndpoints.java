package dev.sluice.bench.attack;

import dev.sluice.annotation.SseEndpoint;
import dev.sluice.bench.load.BurstPublisher;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * The streams the attacks aim at, one of each kind a server has: one that always has more to write,
 * one that writes a little now and then, and one whose thread blocks between events.
 */
public class AttackEndpoints {
  /** 1 KiB of text: a firehose fills a stalled reader's buffers in a few dozen events. */
  static final String KIB = "x".repeat(1024);

  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "ticker");
            thread.setDaemon(true);
            return thread;
          });

  /** A 1 KiB event for every event requested, emitted inside {@code request}, never ending. */
  @SseEndpoint("/firehose")
  public Flow.Publisher<String> firehose() {
    return new BurstPublisher(Long.MAX_VALUE, i -> KIB);
  }

  /** Its number, 0, 1, 2..., every 100 ms: what a well-behaved reader expects to keep getting. */
  @SseEndpoint("/ticks")
  public Flow.Publisher<String> ticks() {
    return new TickPublisher(ticker, 100);
  }

  /** An event a second from a thread that sleeps in between, until the client leaves. */
  @SseEndpoint("/blocking")
  public Stream<String> blocking() {
    return Stream.generate(AttackEndpoints::afterASecond).takeWhile(Objects::nonNull);
  }

  /** "blocked 1 s", a second from now; null (the end) once the thread is interrupted. */
  private static String afterASecond() {
    try {
      Thread.sleep(1_000);
      return "blocked 1 s";
    } catch (InterruptedException e) {
      // The client left: Sluice interrupts the stream's thread; ending is all it asks.
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
