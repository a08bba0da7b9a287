package dev.sluice.samples.redis;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.LastEventId;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** One node's endpoint on a broadcast shared through Redis. */
public class FeedEndpoints {
  private final SseBroadcaster<String> feed;

  public FeedEndpoints(SseBroadcaster<String> feed) {
    this.feed = feed;
  }

  @SseEndpoint("/feed")
  public Flow.Publisher<SseEvent<String>> feed(@LastEventId String lastEventId) {
    return feed.subscribe(lastEventId);
  }
}
