package dev.sluice.samples.access;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A broadcast with a history to replay, and a public feed with a CORS policy of its own. */
public class CorsEndpoints {
  public final SseBroadcaster<String> news = SseBroadcaster.create();
  public final AtomicInteger calls = new AtomicInteger();

  @SseEndpoint("/news")
  public Flow.Publisher<SseEvent<String>> news(@LastEventId String lastEventId) {
    calls.incrementAndGet();
    return news.subscribe(lastEventId);
  }

  @SseEndpoint("/public")
  public Stream<String> open() {
    calls.incrementAndGet();
    return Stream.of("for every page");
  }
}
