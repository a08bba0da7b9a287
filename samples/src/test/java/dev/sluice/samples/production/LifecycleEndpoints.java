package dev.sluice.samples.production;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The three kinds of long-lived stream, each counting what the server did to it: a broadcast, a
 * blocking {@code Stream} that holds a thread, and a publisher that goes quiet.
 */
public class LifecycleEndpoints {
  final SseBroadcaster<String> broadcaster = SseBroadcaster.create();
  final AtomicInteger streamsOpened = new AtomicInteger();
  final AtomicInteger streamsClosed = new AtomicInteger();
  final QuietPublisher quiet = new QuietPublisher("first");

  @SseEndpoint("/production/broadcast")
  public Flow.Publisher<SseEvent<String>> broadcast(@LastEventId String lastEventId) {
    return broadcaster.subscribe(lastEventId);
  }

  @SseEndpoint("/production/blocking")
  public Stream<String> blocking() {
    streamsOpened.incrementAndGet();
    return BlockingStreams.hanging("first", streamsClosed::incrementAndGet);
  }

  @SseEndpoint("/production/quiet")
  public Flow.Publisher<String> quiet() {
    return quiet;
  }
}
